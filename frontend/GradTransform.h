//===- GradTransform.h - The reverse-mode transform (internal) -*- C++ -*-===//
//
// This file declares the transform behind `grad` (Grad.cpp): the walk over
// a traced function's typed IR that hands each node's adjoint to its
// operands, with the rules of structured control flow (`if` in Grad.cpp,
// `while` in GradWhile.cpp) that differentiate region bodies by copying
// them and running a nested transform over the copy.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_GRADTRANSFORM_H
#define NXC_FRONTEND_GRADTRANSFORM_H

#include "frontend/Checker.h"
#include "frontend/Grad.h"

#include <map>
#include <set>

namespace nxc {

/// The number of tensors in `t` (1 for a tensor).
unsigned leafCount(const Type &t);
/// The tensors of `t`, flattened in order.
void leafTypes(const Type &t, std::vector<TensorType> &out);

/// The reverse-mode transform over the nodes of one traced function.
class GradTransform {
public:
  GradTransform(Checker &ck, SourceLoc callLoc, std::string api)
      : ck(ck), em(ck.emit()), callLoc(callLoc), api(std::move(api)) {}

  /// Differentiates node `out` with respect to the `inputs` (identity nodes,
  /// the first of them at `start`); `grads` gets one node per input.
  bool run(int start, const std::vector<int> &inputs, int out,
           std::vector<int> &grads);

private:
  void findDependents(int start, int end);
  void accumulate(int node, size_t leaf, int g);
  bool step(int n);
  bool customRule(int n, const std::vector<int> &g);
  bool ifRule(int n, const std::vector<int> &g);
  // `while` (GradWhile.cpp).
  bool whileRule(int n, const std::vector<int> &g);
  int countedLoop(const TNode &w, int limit);
  int countTrips(const TNode &w);
  std::vector<int> regionArgs(TRegion &r, const std::vector<TensorType> &ts,
                              SourceLoc loc);
  std::vector<int> cloneBody(const TRegion &r, const std::vector<int> &args,
                             std::map<int, int> &map);
  std::vector<int> stateAt(const TNode &w, int j);
  bool reverseStep(const TNode &w, const std::vector<int> &targets,
                   const std::vector<int> &args, std::vector<int> &results);
  int cloneNode(int id, std::map<int, int> &map);
  void readsFromOutside(const TRegion &r, const std::set<int> &inside,
                        std::set<int> &out);
  bool noRule(int n, const std::string &what);
  int zerosOf(const TensorType &t, SourceLoc loc);

  Checker &ck;
  Emitter &em;
  SourceLoc callLoc;
  std::string api;
  std::vector<char> dep; ///< node depends on an input (and is float)
  std::vector<char> isInput;
  std::map<int, std::vector<int>> adjoint; ///< per leaf; -1 is zero
};

} // namespace nxc

#endif // NXC_FRONTEND_GRADTRANSFORM_H
