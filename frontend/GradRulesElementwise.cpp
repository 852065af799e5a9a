//===- GradRulesElementwise.cpp - Gradient rules of element-wise prims ----===//
//
// This file implements the vector-Jacobian products of the element-wise
// prims, following Nx.Defn.Grad: unary math, the binary arithmetic ops (with
// Nx's tie rule for max/min), select, convert, and the grad markers. Operands
// of element-wise prims already have the result's shape (the checker made
// every broadcast explicit), so no rule here unbroadcasts: the
// broadcast_in_dim rule sums instead. Ops whose derivative is zero almost
// everywhere (floor, ceil, round, sign) give nothing, as in Nx.
//
//===----------------------------------------------------------------------===//

#include "frontend/Grad.h"

#include <cmath>

namespace nxc {

namespace {

using Ctx = GradRuleContext;

int mul(Ctx &c, int a, int b) { return c.bin("multiply", a, b); }
int div(Ctx &c, int a, int b) { return c.bin("divide", a, b); }
int addC(Ctx &c, int a, double v) { return c.bin("add", a, c.constLike(a, v)); }
int mulC(Ctx &c, int a, double v) {
  return c.bin("multiply", a, c.constLike(a, v));
}
/// `v - a`.
int rsubC(Ctx &c, double v, int a) {
  return c.bin("subtract", c.constLike(a, v), a);
}
int square(Ctx &c, int a) { return mul(c, a, a); }
int x0(Ctx &c) { return c.operand(0); }

// ---- unary ----
void gNegate(Ctx &c) { c.give(0, c.un("negate", c.grad())); }
void gAbs(Ctx &c) {
  int g = c.grad();
  int pos = c.cmp("greater_equal", x0(c), c.constLike(x0(c), 0.0));
  c.give(0, c.select(pos, g, c.un("negate", g)));
}
void gExp(Ctx &c) { c.give(0, mul(c, c.grad(), c.id)); }
void gExpm1(Ctx &c) { c.give(0, mul(c, c.grad(), addC(c, c.id, 1.0))); }
void gLog(Ctx &c) { c.give(0, div(c, c.grad(), x0(c))); }
void gLog1p(Ctx &c) { c.give(0, div(c, c.grad(), addC(c, x0(c), 1.0))); }
void gLog2(Ctx &c) {
  c.give(0, div(c, c.grad(), mulC(c, x0(c), std::log(2.0))));
}
void gLog10(Ctx &c) {
  c.give(0, div(c, c.grad(), mulC(c, x0(c), std::log(10.0))));
}
void gSqrt(Ctx &c) { c.give(0, div(c, mulC(c, c.grad(), 0.5), c.id)); }
void gRsqrt(Ctx &c) {
  int p = c.bin("pow", x0(c), c.constLike(x0(c), -1.5));
  c.give(0, mul(c, mulC(c, c.grad(), -0.5), p));
}
void gCbrt(Ctx &c) {
  c.give(0, div(c, c.grad(), mulC(c, square(c, c.id), 3.0)));
}
void gSin(Ctx &c) { c.give(0, mul(c, c.grad(), c.un("cos", x0(c)))); }
void gCos(Ctx &c) {
  c.give(0, mul(c, c.grad(), c.un("negate", c.un("sin", x0(c)))));
}
void gTan(Ctx &c) {
  int cs = c.un("cos", x0(c));
  c.give(0, div(c, div(c, c.grad(), cs), cs));
}
void gTanh(Ctx &c) {
  c.give(0, mul(c, c.grad(), rsubC(c, 1.0, square(c, c.id))));
}
// ans * (1 - ans): Nx's exp(-x) * ans^2 overflows to inf * 0 for x << 0.
void gSigmoid(Ctx &c) {
  c.give(0, mul(c, c.grad(), mul(c, c.id, rsubC(c, 1.0, c.id))));
}
int gaussian(Ctx &c, double scale) {
  int e = c.un("exp", c.un("negate", square(c, x0(c))));
  return mulC(c, e, scale);
}
void gErf(Ctx &c) {
  c.give(0, mul(c, c.grad(), gaussian(c, 2.0 / std::sqrt(M_PI))));
}
void gErfc(Ctx &c) {
  c.give(0, mul(c, c.grad(), gaussian(c, -2.0 / std::sqrt(M_PI))));
}
void gErfInv(Ctx &c) {
  int e = mulC(c, c.un("exp", square(c, c.id)), std::sqrt(M_PI) / 2.0);
  c.give(0, mul(c, c.grad(), e));
}
void gAsin(Ctx &c) {
  int r = c.un("rsqrt", rsubC(c, 1.0, square(c, x0(c))));
  c.give(0, mul(c, c.grad(), r));
}
void gAcos(Ctx &c) {
  int r = c.un("rsqrt", rsubC(c, 1.0, square(c, x0(c))));
  c.give(0, mul(c, c.grad(), c.un("negate", r)));
}
void gAtan(Ctx &c) {
  c.give(0, div(c, c.grad(), addC(c, square(c, x0(c)), 1.0)));
}
void gSinh(Ctx &c) { c.give(0, mul(c, c.grad(), c.un("cosh", x0(c)))); }
void gCosh(Ctx &c) { c.give(0, mul(c, c.grad(), c.un("sinh", x0(c)))); }
void gAsinh(Ctx &c) {
  c.give(0, mul(c, c.grad(), c.un("rsqrt", addC(c, square(c, x0(c)), 1.0))));
}
void gAcosh(Ctx &c) {
  c.give(0, mul(c, c.grad(), c.un("rsqrt", addC(c, square(c, x0(c)), -1.0))));
}
void gAtanh(Ctx &c) {
  c.give(0, div(c, c.grad(), rsubC(c, 1.0, square(c, x0(c)))));
}
void gNone(Ctx &) {}
void gPass(Ctx &c) { c.give(0, c.grad()); }

// ---- binary ----
void gAdd(Ctx &c) {
  c.give(0, c.grad());
  c.give(1, c.grad());
}
void gSubtract(Ctx &c) {
  c.give(0, c.grad());
  if (c.needs[1])
    c.give(1, c.un("negate", c.grad()));
}
void gMultiply(Ctx &c) {
  if (c.needs[0])
    c.give(0, mul(c, c.grad(), c.operand(1)));
  if (c.needs[1])
    c.give(1, mul(c, c.grad(), c.operand(0)));
}
void gDivide(Ctx &c) {
  int y = c.operand(1);
  if (c.needs[0])
    c.give(0, div(c, c.grad(), y));
  if (c.needs[1])
    c.give(1, mul(c, c.grad(), c.un("negate", div(c, c.id, y))));
}
// remainder has the dividend's sign (x - y * trunc(x / y)), so d/dy is
// -trunc(x / y); Nx's rule says -floor(x / y), which differs where x / y < 0.
void gRemainder(Ctx &c) {
  int x = c.operand(0), y = c.operand(1);
  c.give(0, c.grad());
  if (c.needs[1]) {
    int q = div(c, x, y);
    int pos = c.cmp("greater_equal", q, c.constLike(q, 0.0));
    int t = c.select(pos, c.un("floor", q), c.un("ceil", q));
    c.give(1, mul(c, c.grad(), c.un("negate", t)));
  }
}
// Nx: d/dx = y * x^(y - 1) (x^0 when y = 0), d/dy = log(x) * x^y with
// log(1) where x = 0.
void gPow(Ctx &c) {
  int x = c.operand(0), y = c.operand(1);
  if (c.needs[0]) {
    double yv;
    int exponent;
    if (c.splatValue(y, yv)) {
      exponent = c.constLike(x, yv == 0.0 ? 1.0 : yv - 1.0);
    } else {
      int isZero = c.cmp("equal", y, c.constLike(y, 0.0));
      exponent = c.select(isZero, c.constLike(y, 1.0), addC(c, y, -1.0));
    }
    c.give(0, mul(c, c.grad(), mul(c, y, c.bin("pow", x, exponent))));
  }
  if (c.needs[1]) {
    int isZero = c.cmp("equal", x, c.constLike(x, 0.0));
    int base = c.select(isZero, c.constLike(x, 1.0), x);
    c.give(1, mul(c, c.grad(), mul(c, c.un("log", base), c.id)));
  }
}
void gAtan2(Ctx &c) {
  int x = c.operand(0), y = c.operand(1);
  int den = c.bin("add", square(c, x), square(c, y));
  if (c.needs[0])
    c.give(0, mul(c, c.grad(), div(c, y, den)));
  if (c.needs[1])
    c.give(1, mul(c, c.grad(), c.un("negate", div(c, x, den))));
}
// Nx's tie rule: where both operands equal the result each gets half.
void gMinMax(Ctx &c) {
  int x = c.operand(0), y = c.operand(1);
  int xIs = c.cmp("equal", x, c.id), yIs = c.cmp("equal", y, c.id);
  auto share = [&](int self, int other) {
    int num = c.select(self, c.constLike(c.id, 1.0), c.constLike(c.id, 0.0));
    int den = c.select(other, c.constLike(c.id, 2.0), c.constLike(c.id, 1.0));
    return mul(c, c.grad(), div(c, num, den));
  };
  if (c.needs[0])
    c.give(0, share(xIs, yIs));
  if (c.needs[1])
    c.give(1, share(yIs, xIs));
}
void gSelect(Ctx &c) {
  int p = c.operand(0);
  int zero = c.constLike(c.id, 0.0);
  if (c.needs[1])
    c.give(1, c.select(p, c.grad(), zero));
  if (c.needs[2])
    c.give(2, c.select(p, zero, c.grad()));
}
// as_type: float to float passes the gradient through in the operand's type;
// an integer operand takes none (the transform never asks it for one).
void gConvert(Ctx &c) {
  int x = c.operand(0);
  if (isFloat(c.type(x).dtype))
    c.give(0, c.em.convert(c.grad(), c.type(x).dtype, c.loc()));
}

} // namespace

void registerGradElementwise(std::vector<GradRuleInfo> &t) {
  t.insert(t.end(), {
                        {"negate", gNegate},     {"abs", gAbs},
                        {"exp", gExp},           {"expm1", gExpm1},
                        {"log", gLog},           {"log1p", gLog1p},
                        {"log2", gLog2},         {"log10", gLog10},
                        {"sqrt", gSqrt},         {"rsqrt", gRsqrt},
                        {"cbrt", gCbrt},         {"sin", gSin},
                        {"cos", gCos},           {"tan", gTan},
                        {"tanh", gTanh},         {"sigmoid", gSigmoid},
                        {"erf", gErf},           {"erfc", gErfc},
                        {"erf_inv", gErfInv},    {"asin", gAsin},
                        {"acos", gAcos},         {"atan", gAtan},
                        {"sinh", gSinh},         {"cosh", gCosh},
                        {"asinh", gAsinh},       {"acosh", gAcosh},
                        {"atanh", gAtanh},       {"floor", gNone},
                        {"ceil", gNone},         {"round", gNone},
                        {"sign", gNone},         {"stop_grad", gNone},
                        {"identity", gPass},     {"add", gAdd},
                        {"subtract", gSubtract}, {"multiply", gMultiply},
                        {"divide", gDivide},     {"remainder", gRemainder},
                        {"pow", gPow},           {"atan2", gAtan2},
                        {"max", gMinMax},        {"min", gMinMax},
                        {"select", gSelect},     {"convert", gConvert},
                    });
}

} // namespace nxc
