//===- ASTBuilder.h - ANTLR parse tree to AST (internal) ---------*- C++ -*-===//
//
// This file declares the conversion from the ANTLR parse tree to the AST. It
// includes generated ANTLR headers and is private to the frontend.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_ASTBUILDER_H
#define NXC_FRONTEND_ASTBUILDER_H

#include "frontend/AST.h"
#include "frontend/Diagnostics.h"

#include "NxParser.h"

namespace nxc {

/// Fills `out` from a parse tree that has no syntax errors. Reports semantic
/// errors of the syntax (bad patterns, literals out of range, a pipe into a
/// non-call) and returns false when there were any.
bool buildAST(nxc_antlr::NxParser::Module_Context *tree, ParsedModule &out,
              DiagnosticEngine &diags);

} // namespace nxc

#endif // NXC_FRONTEND_ASTBUILDER_H
