import { fill } from '../text/fill.js';
import { itemScale, type Questionnaire } from '../questionnaire/model.js';
import type { AuditMessages } from './messages.js';
import type { AnswerValue, Step } from './steps.js';

/** What a person did at a question: answered it, skipped it, or went back to the previous one. */
export type Reply<T> = { type: 'answer'; value: T } | { type: 'skip' } | { type: 'back' };

export interface ScaleQuestion {
  heading: string;
  statement: string;
  kindLabel: string;
  min: number;
  max: number;
  labels: Record<string, string>;
  /** The answer saved before (when going back or resuming): undefined if none, null if skipped. */
  previous: number | null | undefined;
  canGoBack: boolean;
}

export interface TextQuestion {
  message: string;
  /** Line ends in a pasted text are kept (the comment); elsewhere they become spaces. */
  multiline?: boolean;
  default?: string;
  previous?: string | null;
  required: boolean;
  canGoBack: boolean;
}

export interface AllocationQuestion {
  dimensions: { id: string; label: string }[];
  previous?: Record<string, number> | null;
  canGoBack: boolean;
}

/** The one seam between the audit's logic and the terminal: tests pass a scripted prompter. */
export interface Prompter {
  scale(question: ScaleQuestion): Promise<Reply<number>>;
  text(question: TextQuestion): Promise<Reply<string>>;
  allocation(question: AllocationQuestion): Promise<Reply<Record<string, number>>>;
}

function asNumber(value: AnswerValue | undefined): number | null | undefined {
  return typeof value === 'number' || value === null ? value : undefined;
}

function asText(value: AnswerValue | undefined): string | null | undefined {
  return typeof value === 'string' || value === null ? value : undefined;
}

/** Asks one step, with the saved answer (if any) offered as the default. */
function ask(
  step: Step,
  q: Questionnaire,
  m: AuditMessages,
  prompter: Prompter,
  previous: AnswerValue | undefined,
  canGoBack: boolean,
  defaults: { respondent?: string },
): Promise<Reply<AnswerValue>> {
  switch (step.kind) {
    case 'respondent':
      return prompter.text({
        message: m.respondent,
        ...(defaults.respondent ? { default: defaults.respondent } : {}),
        previous: asText(previous),
        required: true,
        canGoBack,
      });
    case 'segment':
      return prompter.text({
        message: fill(m.segment, { column: step.column }),
        previous: asText(previous),
        required: false,
        canGoBack,
      });
    case 'comment':
      return prompter.text({
        message: m.comment,
        multiline: true,
        previous: asText(previous),
        required: false,
        canGoBack,
      });
    case 'answer':
      return prompter.scale({
        heading: fill(m.progress, {
          dimension: step.dimension.label,
          n: String(step.itemNumber),
          total: String(step.itemCount),
        }),
        statement: step.item[step.answerKind] ?? step.item.perception,
        kindLabel: m.kinds[step.answerKind],
        // The item's own scale and its own labels, when it has one (a yes/no item shows No and Yes).
        min: itemScale(q, step.item).min,
        max: itemScale(q, step.item).max,
        labels: itemScale(q, step.item).labels,
        previous: asNumber(previous),
        canGoBack,
      });
    case 'kpi':
      return prompter.scale({
        heading: `${m.kpi} · ${step.kpi.type.toUpperCase()}`,
        statement: step.kpi.question,
        // The kind of KPI and the meaning of its two ends, never the raw id: a respondent reads this.
        kindLabel: m.kpiKinds[step.kpi.type],
        min: step.kpi.scale.min,
        max: step.kpi.scale.max,
        // On a `best: low` scale the good anchor sits at the low end.
        labels: {
          [String(step.kpi.scale.best === 'low' ? step.kpi.scale.max : step.kpi.scale.min)]:
            m.kpiAnchors[step.kpi.type].low,
          [String(step.kpi.scale.best === 'low' ? step.kpi.scale.min : step.kpi.scale.max)]:
            m.kpiAnchors[step.kpi.type].high,
          ...step.kpi.scale.labels,
        },
        previous: asNumber(previous),
        canGoBack,
      });
    case 'weights':
      return prompter.allocation({
        dimensions: q.dimensions.map((d) => ({ id: d.id, label: d.label })),
        previous: previous !== null && typeof previous === 'object' ? previous : previous === null ? null : undefined,
        canGoBack,
      });
  }
}

/**
 * Runs the steps from `start`, saving each answer through `save` before moving on (so nothing
 * answered is lost), and returns when every step has an answer. Going back re-asks the previous
 * step with its saved answer as the default.
 */
export async function interview(options: {
  steps: readonly Step[];
  answers: Map<string, AnswerValue>;
  start: number;
  questionnaire: Questionnaire;
  messages: AuditMessages;
  prompter: Prompter;
  save: (key: string, value: AnswerValue) => Promise<void> | void;
  defaults?: { respondent?: string };
}): Promise<Map<string, AnswerValue>> {
  const { steps, answers, questionnaire, messages, prompter, save } = options;
  let index = options.start;
  while (index < steps.length) {
    const step = steps[index] as Step;
    const reply = await ask(
      step,
      questionnaire,
      messages,
      prompter,
      answers.get(step.key),
      index > 0,
      options.defaults ?? {},
    );
    if (reply.type === 'back') {
      index = Math.max(0, index - 1);
      continue;
    }
    const value = reply.type === 'skip' ? null : reply.value;
    await save(step.key, value);
    answers.set(step.key, value);
    index++;
  }
  return answers;
}
