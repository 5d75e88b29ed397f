/*
 * growth.h - the two growth rates every report uses: year on year (同比) and compound
 * annual (年均增长). Same-sample pairs are the analysis's business (analysis.h); these
 * only divide.
 */
#ifndef PB_GROWTH_H
#define PB_GROWTH_H

/** Growth in percent (cur/base - 1) * 100; NaN when base is not positive or cur is NaN. */
double pb_growth_pct(double cur, double base);

/**
 * Compound annual growth in percent from `base` to `target` over `years` years
 * (年均增长): ((target/base)^(1/years) - 1) * 100. NaN unless base, target and years
 * are all positive.
 */
double pb_cagr_pct(double base, double target, double years);

#endif
