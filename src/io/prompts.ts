import {
  createPrompt,
  isBackspaceKey,
  isEnterKey,
  makeTheme,
  useEffect,
  useKeypress,
  usePrefix,
  useRef,
  useState,
  type KeypressEvent,
} from '@inquirer/core';
import { input, select } from '@inquirer/prompts';
import { Chalk } from 'chalk';
import { CancelledError } from '../errors.js';
import type { AllocationQuestion, Prompter, Reply, ScaleQuestion, TextQuestion } from '../core/audit/interview.js';
import type { AuditMessages } from '../core/audit/messages.js';
import { fill } from '../core/text/fill.js';
import { nextScaleKey, type ScaleKeyState } from '../core/audit/scale-keys.js';

/** The only module that imports @inquirer: the terminal implementation of the audit's Prompter. */

type Context = { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream };

const same = (text: string) => text;
/** Every style a no-op: the prompts' look without colour (--no-color, NO_COLOR, not a TTY). */
const PLAIN_THEME = {
  prefix: { idle: '?', done: '✔' },
  style: {
    answer: same,
    message: same,
    error: (text: string) => `> ${text}`,
    defaultAnswer: (text: string) => `(${text})`,
    help: same,
    highlight: same,
    key: (text: string) => `<${text}>`,
    description: same,
    disabled: same,
  },
};

const paint = new Chalk({ level: 1 });
/**
 * The prompts' colours, decided by the CLI (a TTY, no NO_COLOR, no --no-color) rather than by the
 * prompt library's own guess from the environment, which turns colour off whenever CI is set.
 */
const COLOR_THEME: typeof PLAIN_THEME = {
  prefix: { idle: paint.blue('?'), done: paint.green('✔') },
  style: {
    answer: (text) => paint.cyan(text),
    message: (text) => paint.bold(text),
    error: (text) => paint.red(`> ${text}`),
    defaultAnswer: (text) => paint.dim(`(${text})`),
    help: (text) => paint.dim(text),
    highlight: (text) => paint.cyan(text),
    key: (text) => paint.cyan.bold(`<${text}>`),
    description: (text) => paint.cyan(text),
    disabled: (text) => paint.dim(text),
  },
};

/** Words for yes and no in each language, and what a person may type for them. */
export interface YesNoWords {
  yes: string;
  no: string;
  hint: { yes: string; no: string };
  accept: { yes: RegExp; no: RegExp };
}

interface YesNoConfig {
  message: string;
  default: boolean;
  words: YesNoWords;
  theme?: typeof PLAIN_THEME;
}

/** A yes/no question that understands the questionnaire's language (y/n, д/н, да/нет). */
const yesNoPrompt = createPrompt<boolean, YesNoConfig>((config, done) => {
  const theme = makeTheme(config.theme ?? {});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [value, setValue] = useState('');
  const prefix = usePrefix({ status, theme });
  useKeypress((key: KeypressEvent & { sequence?: string }, rl) => {
    if (status !== 'idle') {
      keepTypedAhead(key);
      return;
    }
    if (isEnterKey(key)) {
      const typed = value.trim();
      const answer = config.words.accept.yes.test(typed)
        ? true
        : config.words.accept.no.test(typed)
          ? false
          : config.default;
      setValue(answer ? config.words.yes : config.words.no);
      setStatus('done');
      done(answer);
    } else {
      setValue(rl.line);
    }
  });
  const hint = config.default ? config.words.hint.yes : config.words.hint.no;
  const shown = status === 'done' ? theme.style.answer(value) : value;
  return `${prefix} ${theme.style.message(config.message, status)}${status === 'done' ? '' : ` ${theme.style.defaultAnswer(hint)}`} ${shown}`;
});

interface ScaleConfig {
  theme?: typeof PLAIN_THEME;
  question: ScaleQuestion;
  keys: string;
  previously: string;
  skipped: string;
}

const scalePrompt = createPrompt<Reply<number>, ScaleConfig>((config, done) => {
  const { question } = config;
  const theme = makeTheme(config.theme ?? {});
  const initial = typeof question.previous === 'number' ? question.previous : null;
  const [state, setState] = useState<ScaleKeyState>({ active: initial, typed: '' });
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [answer, setAnswer] = useState('');
  const prefix = usePrefix({ status, theme });

  useKeypress((key: KeypressEvent & { sequence?: string }) => {
    if (status === 'done') {
      keepTypedAhead(key);
      return;
    }
    const name = isEnterKey(key) ? 'enter' : isBackspaceKey(key) ? 'backspace' : key.name;
    const event = nextScaleKey(state, { name, sequence: key.sequence ?? key.name }, question);
    if (event.type === 'move') {
      setState(event.state);
      return;
    }
    if (event.type === 'none') return;
    setStatus('done');
    const reply: Reply<number> =
      event.type === 'answer'
        ? { type: 'answer', value: event.value }
        : event.type === 'skip'
          ? { type: 'skip' }
          : { type: 'back' };
    setAnswer(reply.type === 'answer' ? String(reply.value) : reply.type === 'skip' ? config.skipped : '←');
    done(reply);
  });

  if (status === 'done') {
    return `${prefix} ${theme.style.message(question.heading, 'done')} · ${question.kindLabel}: ${theme.style.answer(answer)}`;
  }
  const points: string[] = [];
  for (let x = question.min; x <= question.max; x++) {
    points.push(x === state.active ? theme.style.highlight(`[${x}]`) : ` ${x} `);
  }
  const labels = Object.entries(question.labels)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([point, label]) => `${point} = ${label}`)
    .join(' · ');
  const lines = [
    `${prefix} ${theme.style.message(question.heading, 'idle')}`,
    `  ${question.statement}`,
    `  ${theme.style.highlight(question.kindLabel)}${labels ? `  (${labels})` : ''}`,
    `  ${points.join(' ')}${state.typed ? `   ${state.typed}_` : ''}`,
  ];
  if (question.previous !== undefined) {
    lines.push(
      `  ${fill(config.previously, { value: question.previous === null ? config.skipped : String(question.previous) })}`,
    );
  }
  lines.push(theme.style.help(`  ${config.keys}`));
  return lines.join('\n');
});

/**
 * Keys typed faster than the questions are drawn. A terminal delivers them in one read with the
 * key that answered the question before, and the prompt library hands the rest of that read to
 * the finished prompt, which would drop them; they are kept here and put back in front of the
 * input for the next question, in order.
 */
const typedAhead: string[] = [];

function keepTypedAhead(key: { sequence?: string }): void {
  if (key.sequence) typedAhead.push(key.sequence);
}

function replayTypedAhead(context: Context): void {
  if (typedAhead.length === 0) return;
  const input = (context.input ?? process.stdin) as NodeJS.ReadableStream & { unshift?: (chunk: Buffer) => void };
  // Between two prompts the input is paused, so this waits in its buffer for the next one.
  input.unshift?.(Buffer.from(typedAhead.join(''), 'utf8'));
  typedAhead.length = 0;
}

interface TextConfig {
  theme?: typeof PLAIN_THEME;
  question: TextQuestion;
  keys: string;
  nothingBefore: string;
  /** Where bracketed paste is switched on and off: the terminal itself, not the prompt's muted stream. */
  terminal: NodeJS.WritableStream;
}

const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';

/** A line of an answer shown on screen: a pasted text may hold control characters. */
const visible = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

/**
 * A text question (respondent id, segment, comment). Enter accepts; "<" then Enter, or Backspace
 * on an empty answer, goes back (the keys are shown under the question). A pasted text arrives
 * whole, line ends included: the terminal marks a paste (bracketed paste), and Enter inside one is
 * a line end, not an answer.
 */
const textPrompt = createPrompt<Reply<string>, TextConfig>((config, done) => {
  const { question } = config;
  const theme = makeTheme(config.theme ?? {});
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  const [line, setLine] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [shownAnswer, setShownAnswer] = useState('');
  // Whole lines of a pasted text before the one being typed, and the paste state: refs, because
  // a paste arrives as many keys at once.
  const earlier = useRef<string[]>([]);
  const lastLine = useRef('');
  const pasting = useRef(false);
  const lastWasReturn = useRef(false);
  const prefix = usePrefix({ status, theme });
  const fallback = question.previous ?? question.default;

  useEffect(() => {
    config.terminal.write(PASTE_ON);
    return () => {
      config.terminal.write(PASTE_OFF);
    };
  }, []);

  const finish = (reply: Reply<string>, shown: string) => {
    setStatus('done');
    setShownAnswer(shown);
    done(reply);
  };

  useKeypress((key: KeypressEvent & { sequence?: string }, rl) => {
    if (status === 'done') {
      keepTypedAhead(key);
      return;
    }
    if (key.name === 'paste-start' || key.name === 'paste-end') {
      pasting.current = key.name === 'paste-start';
      return;
    }
    const afterReturn = lastWasReturn.current;
    lastWasReturn.current = key.name === 'return';
    if (isEnterKey(key)) {
      // The terminal's line editor has already taken the line: what it held is in lastLine.
      if (pasting.current) {
        // CR LF (a text copied from Windows) is one line end.
        if (key.name === 'enter' && afterReturn) return;
        earlier.current = [...earlier.current, lastLine.current];
        lastLine.current = '';
        setLine('');
        return;
      }
      const text = [...earlier.current, lastLine.current].join(question.multiline ? '\n' : ' ').trim();
      earlier.current = [];
      lastLine.current = '';
      setLine('');
      if (text === BACK) {
        if (question.canGoBack) finish({ type: 'back' }, '←');
        else setError(config.nothingBefore);
        return;
      }
      if (text === '' && fallback) return finish({ type: 'answer', value: fallback }, fallback);
      if (text === '' && question.required) return setError(`${question.message}?`);
      if (text === '') return finish({ type: 'skip' }, '');
      finish({ type: 'answer', value: text }, text);
      return;
    }
    if (isBackspaceKey(key) && lastLine.current === '') {
      const previousLines = earlier.current;
      if (previousLines.length > 0) {
        // Back into the pasted line before.
        const restored = previousLines.at(-1) ?? '';
        earlier.current = previousLines.slice(0, -1);
        Object.assign(rl, { line: restored, cursor: restored.length });
        lastLine.current = restored;
        setLine(restored);
        return;
      }
      if (question.canGoBack) finish({ type: 'back' }, '←');
      return;
    }
    lastLine.current = rl.line;
    setLine(rl.line);
    setError(undefined);
  });

  const head = `${prefix} ${theme.style.message(question.message, status)}`;
  if (status === 'done') return `${head} ${theme.style.answer(visible(shownAnswer.split('\n').join(' ⏎ ')))}`;
  const offered = fallback ? ` ${theme.style.defaultAnswer(visible(fallback.split('\n').join(' ⏎ ')))}` : '';
  const lines =
    earlier.current.length === 0 || !question.multiline
      ? [`${head}${offered} ${[...earlier.current, line].map(visible).join(' ')}`]
      : [`${head}${offered}`, ...earlier.current.map((l) => `  ${visible(l)}`), `  ${visible(line)}`];
  const bottom = [theme.style.help(`  ${config.keys}`), ...(error ? [theme.style.error(error)] : [])];
  return [lines.join('\n'), bottom.join('\n')];
});

async function guarded<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new CancelledError();
    throw error;
  }
}

const BACK = '<';

/** A Prompter on the terminal, in the questionnaire's language; plain when colour is off. */
export function terminalPrompter(m: AuditMessages, color: boolean, context: Context = {}): Prompter {
  const theme = { theme: color ? COLOR_THEME : PLAIN_THEME };
  const ask = <T>(make: () => Promise<T>): Promise<T> => {
    replayTypedAhead(context);
    return guarded(make());
  };
  const text = (question: TextQuestion): Promise<Reply<string>> => {
    replayTypedAhead(context);
    return guarded(
      textPrompt(
        {
          ...theme,
          question,
          keys: question.canGoBack ? m.textKeys : m.textKeysFirst,
          nothingBefore: m.nothingBefore,
          terminal: context.output ?? process.stdout,
        },
        context,
      ),
    );
  };

  const allocation = async (question: AllocationQuestion): Promise<Reply<Record<string, number>>> => {
    const mode = await ask(() =>
      select(
        {
          message: m.importance,
          ...theme,
          choices: [
            { name: m.allocate, value: 'allocate' },
            { name: m.equalWeights, value: 'equal' },
            { name: m.skipWeights, value: 'skip' },
            ...(question.canGoBack ? [{ name: '←', value: 'back' }] : []),
          ],
        },
        context,
      ),
    );
    if (mode === 'back') return { type: 'back' };
    if (mode === 'skip') return { type: 'skip' };
    const ids = question.dimensions.map((d) => d.id);
    if (mode === 'equal') return { type: 'answer', value: Object.fromEntries(ids.map((id) => [id, 100 / ids.length])) };
    for (;;) {
      const points: Record<string, number> = {};
      let index = 0;
      while (index < question.dimensions.length) {
        const dimension = question.dimensions[index] as { id: string; label: string };
        const used = Object.entries(points)
          .filter(([id]) => ids.indexOf(id) < index)
          .reduce((s, [, v]) => s + v, 0);
        const remaining = 100 - used;
        const last = index === question.dimensions.length - 1;
        const previous = question.previous?.[dimension.id];
        const value = await ask(() =>
          input(
            {
              message: fill(m.remaining, { label: dimension.label, remaining: String(remaining) }),
              ...theme,
              default: String(last ? remaining : (previous ?? '')),
              validate: (v: string) => {
                if (v.trim() === BACK) return true;
                const n = Number(v.replace(',', '.'));
                return v.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= remaining
                  ? true
                  : fill(m.notANumber, { min: '0', max: String(remaining) });
              },
            },
            context,
          ),
        );
        if (value.trim() === BACK) {
          if (index === 0) return { type: 'back' };
          index--;
          continue;
        }
        points[dimension.id] = Number(value.replace(',', '.'));
        index++;
      }
      const total = Object.values(points).reduce((s, v) => s + v, 0);
      if (Math.abs(total - 100) < 1e-9) return { type: 'answer', value: points };
      (context.output ?? process.stdout).write(`${fill(m.allocationTotal, { total: String(total) })}\n`);
    }
  };

  return {
    scale: (question) => {
      replayTypedAhead(context);
      return guarded(
        scalePrompt(
          {
            ...theme,
            question,
            keys: fill(m.scaleKeys, { min: String(question.min), max: String(question.max) }),
            previously: m.previously,
            skipped: m.skipped,
          },
          context,
        ),
      );
    },
    text,
    allocation,
  };
}

/** Asks yes or no in the questionnaire's language. */
export function promptYesNo(
  message: string,
  defaultValue: boolean,
  words: YesNoWords,
  color: boolean,
  context: Context = {},
): Promise<boolean> {
  replayTypedAhead(context);
  return guarded(
    yesNoPrompt({ message, default: defaultValue, words, theme: color ? COLOR_THEME : PLAIN_THEME }, context),
  );
}

/** Asks to pick one of several choices (arrows and Enter). */
export function promptChoice(
  message: string,
  choices: { name: string; value: string }[],
  color: boolean,
  context: Context = {},
): Promise<string> {
  replayTypedAhead(context);
  return guarded(select({ message, choices, theme: color ? COLOR_THEME : PLAIN_THEME }, context));
}
