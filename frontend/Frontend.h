//===- Frontend.h - The public API of the nx frontend ------------*- C++ -*-===//
//
// This file declares what the driver and codegen call: parsing a `.nx` file
// into an AST, checking it into the typed IR (frontend/TypedIR.h), and the
// printers behind `nxc emit --stage=ast|typed`. None of these functions throws;
// failures are reported through the DiagnosticEngine. This header includes no
// ANTLR header, so code built with -fno-exceptions can include it.
//
//===----------------------------------------------------------------------===//

#ifndef NXC_FRONTEND_FRONTEND_H
#define NXC_FRONTEND_FRONTEND_H

#include "frontend/Diagnostics.h"
#include "frontend/TypedIR.h"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace nxc {

/// A parsed module: owns the AST (frontend/AST.h).
struct ParsedModule;

/// Parses a file. Returns nullptr after reporting diagnostics.
std::unique_ptr<ParsedModule> parseFile(const std::string &path,
                                        DiagnosticEngine &diags);
/// Parses `text`, naming it `filename` in diagnostics. Returns nullptr after
/// reporting diagnostics.
std::unique_ptr<ParsedModule> parseString(const std::string &text,
                                          const std::string &filename,
                                          DiagnosticEngine &diags);

/// Links the files given to nxc (`inputs`, the file being compiled first)
/// with the modules they call, loaded from `searchDirs` (module `A.BcD` from
/// `a/bc_d.nx`): expands `alias` and `import`, checks calls between modules
/// and returns one module for checkModule() whose non-primary defns are named
/// `Mod.fun`. Returns nullptr after reporting diagnostics.
std::unique_ptr<ParsedModule>
linkModules(std::vector<std::unique_ptr<ParsedModule>> inputs,
            const std::vector<std::string> &searchDirs,
            DiagnosticEngine &diags);

/// Resolves names, infers dtypes and shapes, specializes every function
/// reachable from an `@entry` and lowers Nx calls to nx dialect primitives.
/// Returns nullptr after reporting diagnostics.
std::unique_ptr<TypedModule> checkModule(const ParsedModule &m,
                                         DiagnosticEngine &diags);

/// The Nx functions the checker knows, one `Module.name/arity` per entry in
/// the order of its table, e.g. `Nx.exp/1`, `Nx.sum/1..2` (a trailing keyword
/// list of options counts as one more argument), `Nx.Constants.pi/0..1`.
/// Behind the hidden `nxc list-functions`; docs/ops.md is checked against it.
std::vector<std::string> listFunctions();

/// Prints the AST as an indented S-expression with `@line:col` locations.
void printAST(const ParsedModule &m, std::ostream &os);
/// Prints the typed IR, one node per line: `%3 = add(%1, %2) : f32[n, k]`.
void printTypedIR(const TypedModule &m, std::ostream &os);

} // namespace nxc

// ParsedModule must be complete wherever a unique_ptr of it is destroyed.
#include "frontend/AST.h"

#endif // NXC_FRONTEND_FRONTEND_H
