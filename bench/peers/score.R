#!/usr/bin/env Rscript
# SERVQUAL scoring with data.table: the benchmark's R peer of `servqual score`.
#
# Usage: score.R RESPONSES.csv ITEMS.csv SCALE_MIN SCALE_MAX WEIGHTS_SOURCE [GROUP_COLUMN]
#
# ITEMS.csv is written by bench/run.js from the questionnaire, one row per item in questionnaire
# order: dimension, item, e (expectation column), p (perception column), reverse (0/1), weight
# (the dimension's weight column) and fixed (the dimension's normalised fixed weight).
#
# Computes the contract's core (/work/shared/SPEC.md, "The numbers"), vectorised: item gaps P - E
# (reversed items flipped), dimension scores under the half-of-items rule, each respondent's
# weights (own 100-point allocation when complete, non-negative and summing to 100 +- 1, else the
# fixed weights), unweighted and weighted overall, mean/sd/n/ci95 of every dimension's scores and of
# both overalls, Cronbach's alpha per dimension over complete respondents, and the means per
# segment. Prints the results as JSON on stdout (no JSON package needed), with the seconds spent
# reading and computing.

t_start <- proc.time()[["elapsed"]]
suppressPackageStartupMessages(library(data.table))
setDTthreads(0L) # every core: the peer at its fastest

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 5L) {
  message("usage: score.R RESPONSES.csv ITEMS.csv SCALE_MIN SCALE_MAX WEIGHTS_SOURCE [GROUP_COLUMN]")
  quit(status = 2L)
}
path <- args[[1]]
items <- fread(args[[2]], colClasses = list(character = c("dimension", "item", "e", "p", "weight")))
lo <- as.numeric(args[[3]])
hi <- as.numeric(args[[4]])
weights_source <- args[[5]]
group <- if (length(args) >= 6L) args[[6]] else NA_character_

dims <- unique(items$dimension)
dim_weight <- items[, .(weight = weight[1L], fixed = fixed[1L]), keyby = .(dimension)][dims]
header <- names(fread(path, nrows = 0L))
have_weights <- weights_source == "respondents" && all(dim_weight$weight %in% header)
numeric_cols <- c(items$e, items$p, if (have_weights) dim_weight$weight)
use <- c(numeric_cols, if (!is.na(group)) group)

t0 <- proc.time()[["elapsed"]]
dt <- fread(path, select = use, colClasses = list(numeric = numeric_cols),
            na.strings = "", showProgress = FALSE)
t_read <- proc.time()[["elapsed"]] - t0

t0 <- proc.time()[["elapsed"]]
# Item gaps P - E; a reversed item has x' = min + max - x on both answers (NA propagates, so an
# item with any answer missing is missing). One column per item; no copies of the table.
flip <- function(x, r) if (r) lo + hi - x else x
gaps <- setDT(setNames(
  Map(function(e, p, r) flip(dt[[p]], r) - flip(dt[[e]], r), items$e, items$p, items$reverse == 1L),
  items$item))

# Dimension scores: mean of the answered item gaps if at least half (rounded up) are answered.
# Cronbach's alpha on the same columns, over the respondents who answered all of them.
cronbach_alpha <- function(x) {
  k <- length(x)
  if (k < 2L || length(x[[1L]]) < 2L) return(NA_real_)
  total_var <- var(Reduce(`+`, x))
  if (total_var < 1e-12) return(NA_real_)
  k / (k - 1) * (1 - sum(vapply(x, var, 0)) / total_var)
}
alphas <- setNames(numeric(length(dims)), dims)
scores <- setDT(setNames(lapply(dims, function(d) {
  x <- lapply(items[dimension == d, item], function(i) gaps[[i]])
  answered <- Reduce(`+`, lapply(x, function(v) !is.na(v)))
  s <- Reduce(`+`, lapply(x, fcoalesce, 0))
  complete <- answered == length(x)
  alphas[[d]] <<- cronbach_alpha(lapply(x, `[`, complete))
  fifelse(answered >= max(1L, ceiling(length(x) / 2)), s / answered, NA_real_)
}), dims))

# Weights: own allocation when complete, non-negative and summing to 100 +- 1; else fixed.
n <- nrow(dt)
W <- if (have_weights) as.matrix(dt[, dim_weight$weight, with = FALSE]) else NULL
fixed_m <- matrix(dim_weight$fixed, nrow = n, ncol = length(dims), byrow = TRUE)
if (have_weights) {
  total <- rowSums(W)
  valid <- !is.na(total) & rowSums(W < 0) == 0 & abs(total - 100) <= 1 + 1e-9 & total != 0
  weights <- W / total
  weights[!valid, ] <- fixed_m[!valid, ]
  fallback <- sum(!valid)
} else {
  weights <- fixed_m
  fallback <- if (weights_source == "respondents") n else 0L
}

D <- as.matrix(scores)
all_dims <- !is.na(rowSums(D))
overall <- data.table(unweighted = fifelse(all_dims, rowMeans(D), NA_real_),
                      weighted = fifelse(all_dims, rowSums(weights * D), NA_real_))
importance <- colMeans(weights[all_dims, , drop = FALSE])

summary_of <- function(x) {
  x <- x[!is.na(x)]
  n <- length(x)
  m <- if (n > 0L) mean(x) else NA_real_
  if (n < 2L) return(list(mean = m, sd = NA_real_, n = n, ci95 = NULL))
  s <- sd(x)
  half <- qt(0.975, n - 1L) * s / sqrt(n)
  list(mean = m, sd = s, n = n, ci95 = c(m - half, m + half))
}
dimension_results <- lapply(seq_along(dims), function(j) {
  d <- dims[[j]]
  list(id = d, gap = summary_of(scores[[d]]), alpha = alphas[[d]],
       importance = unname(importance[j]))
})
item_results <- lapply(items$item, function(i) list(id = i, gap = mean(gaps[[i]], na.rm = TRUE),
                                                    n = sum(!is.na(gaps[[i]]))))

segments <- NULL
if (!is.na(group)) {
  # fread has already stripped surrounding blanks (strip.white = TRUE), as servqual trims them.
  seg <- setDT(c(scores, overall, setNames(list(fcoalesce(dt[[group]], "")), group)))
  vars <- c(dims, "unweighted", "weighted")
  means <- seg[, lapply(.SD, mean, na.rm = TRUE), keyby = group, .SDcols = vars]
  counts <- seg[, c(list(respondents = .N), lapply(.SD, function(x) sum(!is.na(x)))), keyby = group, .SDcols = vars]
  segments <- lapply(seq_len(nrow(means)), function(r) {
    one <- function(v) list(mean = means[[v]][r], n = counts[[v]][r])
    list(column = group, value = means[[group]][r], respondents = counts$respondents[r],
         overall = list(unweighted = one("unweighted"), weighted = one("weighted")),
         dimensions = setNames(lapply(dims, one), dims))
  })
}
t_compute <- proc.time()[["elapsed"]] - t0

# A minimal JSON writer: lists with names are objects, others arrays; NA is null.
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    body <- vapply(x, to_json, "")
    if (!is.null(names(x))) return(paste0("{", paste0('"', names(x), '":', body, collapse = ","), "}"))
    return(paste0("[", paste(body, collapse = ","), "]"))
  }
  if (length(x) != 1L) return(to_json(as.list(unname(x))))
  if (is.na(x)) return("null")
  if (is.character(x)) return(paste0('"', gsub('(["\\\\])', "\\\\\\1", x), '"'))
  if (is.logical(x)) return(if (x) "true" else "false")
  sprintf("%.17g", x)
}

result <- list(
  tool = "data.table", rows = n, scored = sum(all_dims), fallbackWeights = fallback,
  overall = list(unweighted = summary_of(overall$unweighted), weighted = summary_of(overall$weighted)),
  dimensions = dimension_results, items = item_results, segments = segments,
  seconds = list(read = t_read, compute = t_compute, total = proc.time()[["elapsed"]] - t_start),
  threads = getDTthreads()
)
if (is.null(segments)) result$segments <- NULL
cat(to_json(result), "\n", sep = "")
