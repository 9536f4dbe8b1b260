import { describe, expect, it } from 'vitest';
import {
  csatMarginSize,
  detectSize,
  meanMarginSize,
  npsMarginSize,
  twoWavePower,
} from '../../../src/core/plan/sample-size.js';

// Expected sizes from scipy, by the definitions in docs/methods.md (plan), searched from n = 2 up:
// python3 -c "
// from scipy import stats; import math
// def m(sd,mm):
//   n=2
//   while stats.t.ppf(0.975,n-1)*sd/math.sqrt(n)>mm: n+=1
//   return n
// def pw(sd,d,n,a):
//   df=2*n-2; tc=stats.t.ppf(1-a/2,df); dl=d/(sd*math.sqrt(2/n))
//   return 1-stats.nct.cdf(tc,df,dl)+stats.nct.cdf(-tc,df,dl)
// def det(sd,d,p,a):
//   n=2
//   while pw(sd,d,n,a)<p: n+=1
//   return n
// def wil(p,n):
//   z=1.96; return 100*z*math.sqrt(p*(1-p)/n+z*z/(4*n*n))/(1+z*z/n)
// def cs(p,mm):
//   n=2
//   while wil(p,n)>mm: n+=1
//   return n
// print(m(1,0.1),m(0.83,0.05),det(1,0.5,0.8,0.05),det(0.9,0.2,0.9,0.01),repr(pw(0.7,0.3,30,0.05)),cs(0.7,5),cs(1,5))"
// -> 387 1061 64 605 0.3717756194609555 320 35

describe('meanMarginSize', () => {
  it('is the smallest n with t(0.975, n-1) sd / sqrt(n) <= margin', () => {
    expect(meanMarginSize(1, 0.1)).toBe(387);
    expect(meanMarginSize(0.83, 0.05)).toBe(1061);
  });

  it('is null without spread', () => {
    expect(meanMarginSize(0, 0.1)).toBeNull();
  });
});

describe('detectSize and twoWavePower', () => {
  it('size per wave from the noncentral t', () => {
    expect(detectSize(1, 0.5, 0.8, 0.05)).toBe(64);
    expect(detectSize(0.9, 0.2, 0.9, 0.01)).toBe(605);
  });

  it('power of the two-sample t-test', () => {
    expect(twoWavePower(0.7, 0.3, 30, 0.05)).toBeCloseTo(0.3717756194609555, 12);
  });
});

describe('KPI margins', () => {
  it('CSAT by the Wilson half-width, also at a share of 1', () => {
    expect(csatMarginSize(0.7, 5)).toBe(320);
    expect(csatMarginSize(1, 5)).toBe(35);
  });

  it('NPS by the contract variance: ceil((1.96 * 100 / margin)^2 * (p+ + p- - (p+ - p-)^2))', () => {
    // python3 -c "import math; print(math.ceil((1.96*100/5)**2*(0.5+0.2-0.3**2)))" -> 938
    expect(npsMarginSize(0.5, 0.2, 5)).toBe(938);
  });
});
