//===- Parser.cpp - Reading, lexing and parsing nx source ----------------===//
//
// This file implements parseFile/parseString: it validates the input as UTF-8,
// lexes it with the generated ANTLR lexer, filters the token stream (newline
// significance, bad characters, unterminated strings, nesting limits), parses
// it with the generated parser while turning syntax errors into diagnostics,
// and hands the tree to the AST builder. No exception leaves this file.
//
//===----------------------------------------------------------------------===//

#include "frontend/ASTBuilder.h"
#include "frontend/Frontend.h"
#include "frontend/LargeStack.h"

#include "NxLexer.h"
#include "NxParser.h"
#include "antlr4-runtime.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using nxc_antlr::NxLexer;
using nxc_antlr::NxParser;

namespace nxc {
namespace {

/// The deepest bracket nesting (or chain of prefix operators) accepted; it
/// keeps the recursive-descent parser and the checker well within the stack.
constexpr unsigned kMaxNesting = 256;
/// The most binary operators accepted in one statement, for the same reason.
constexpr unsigned kMaxOperators = 2000;

SourceLoc locOf(const antlr4::Token *t) {
  return {static_cast<uint32_t>(t->getLine()),
          static_cast<uint32_t>(t->getCharPositionInLine() + 1)};
}

/// Renders a token's text for a message: `end`, or `end of file`.
std::string describeToken(const antlr4::Token *t) {
  if (!t || t->getType() == antlr4::Token::EOF)
    return "end of file";
  if (t->getType() == NxLexer::NL)
    return "newline";
  std::string text = t->getText();
  if (text.size() > 30)
    text = text.substr(0, 27) + "...";
  return "`" + text + "`";
}

/// Reports the first invalid UTF-8 byte, if any.
bool validateUtf8(const std::string &text, DiagnosticEngine &diags) {
  uint32_t line = 1, col = 1;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t len = c < 0x80 ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xe  ? 3
                 : (c >> 3) == 0x1e ? 4
                                    : 0;
    bool ok = len != 0 && i + len <= text.size();
    for (size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(text[i + k]) >> 6) == 0x2;
    if (!ok) {
      char buf[8];
      snprintf(buf, sizeof buf, "0x%02x", c);
      diags.diagnose({line, col}, DiagKind::InvalidUtf8, buf);
      return false;
    }
    if (c == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += len;
  }
  return true;
}

/// Records the brackets and `do` blocks still open, for notes at end of file.
struct OpenerStack {
  std::vector<std::pair<std::string, SourceLoc>> openers;
};

/// Turns ANTLR syntax errors into diagnostics.
class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(DiagnosticEngine &diags, const OpenerStack &open)
      : diags(diags), open(open) {}

  void syntaxError(antlr4::Recognizer *recognizer,
                   antlr4::Token *offending, size_t line,
                   size_t charPositionInLine, const std::string &msg,
                   std::exception_ptr) override {
    ++count;
    SourceLoc loc{static_cast<uint32_t>(line),
                  static_cast<uint32_t>(charPositionInLine + 1)};
    std::string seen = describeToken(offending);
    auto *parser = dynamic_cast<antlr4::Parser *>(recognizer);
    if (parser && offending && offending->getType() == antlr4::Token::EOF) {
      // Point just past the last token rather than at trailing blank lines.
      if (antlr4::Token *prev = parser->getTokenStream()->LT(-1))
        if (prev->getType() != antlr4::Token::EOF)
          loc = {static_cast<uint32_t>(prev->getLine()),
                 static_cast<uint32_t>(prev->getCharPositionInLine() + 1 +
                                       prev->getText().size())};
    }
    (void)msg; // ANTLR's own wording is not used
    std::string expected = parser ? expectedText(parser) : "";
    if (expected.empty())
      diags.diagnose(loc, DiagKind::UnexpectedToken, seen);
    else
      diags.diagnose(loc, DiagKind::UnexpectedTokenExpected, seen, expected);
    if (offending && offending->getType() == antlr4::Token::EOF &&
        !open.openers.empty() && !notedOpener) {
      notedOpener = true;
      const auto &o = open.openers.back();
      diags.diagnose(o.second, DiagKind::OpenerNotClosed, o.first);
    }
  }

  unsigned count = 0;

private:
  std::string expectedText(antlr4::Parser *parser) {
    antlr4::misc::IntervalSet set;
    try {
      set = parser->getExpectedTokens();
    } catch (...) {
      return "";
    }
    std::vector<std::string> names;
    const auto &vocab = parser->getVocabulary();
    bool expression = false;
    for (size_t t : set.toList()) {
      if (t == NxLexer::INT || t == NxLexer::FLOAT || t == NxLexer::IDENT ||
          t == NxLexer::ATOM || t == NxLexer::LPAREN) {
        expression = true;
        continue;
      }
      if (t == NxLexer::NL || t == NxLexer::SEMI) {
        names.push_back("newline");
        continue;
      }
      if (t == NxLexer::ALIAS) {
        names.push_back("a module name");
        continue;
      }
      std::string lit = vocab.getLiteralName(t);
      if (lit.size() >= 2 && lit.front() == '\'')
        names.push_back("`" + lit.substr(1, lit.size() - 2) + "`");
    }
    if (expression)
      names.insert(names.begin(), "an expression");
    // Deduplicate while keeping order.
    std::vector<std::string> uniq;
    for (auto &n : names)
      if (std::find(uniq.begin(), uniq.end(), n) == uniq.end())
        uniq.push_back(n);
    if (uniq.empty() || uniq.size() > 5)
      return expression ? "an expression" : "";
    std::string out;
    for (size_t i = 0; i < uniq.size(); ++i) {
      if (i)
        out += i + 1 == uniq.size() ? " or " : ", ";
      out += uniq[i];
    }
    return out;
  }

  DiagnosticEngine &diags;
  const OpenerStack &open;
  bool notedOpener = false;
};

bool isOperatorLike(size_t type) {
  switch (type) {
  case NxLexer::PLUS: case NxLexer::MINUS: case NxLexer::STAR:
  case NxLexer::SLASH: case NxLexer::POW: case NxLexer::PIPE:
  case NxLexer::EQEQ: case NxLexer::NEQ: case NxLexer::LT: case NxLexer::GT:
  case NxLexer::LE: case NxLexer::GE: case NxLexer::AND: case NxLexer::OR:
  case NxLexer::NOT: case NxLexer::BANG: case NxLexer::ANDAND:
  case NxLexer::OROR: case NxLexer::ASSIGN: case NxLexer::COMMA:
  case NxLexer::LPAREN: case NxLexer::LBRACK: case NxLexer::LBRACE:
  case NxLexer::DO: case NxLexer::DO_COLON: case NxLexer::KEYWORD:
  case NxLexer::DCOLON: case NxLexer::DOT: case NxLexer::SEMI:
  case NxLexer::NL: case NxLexer::ARROW: case NxLexer::LARROW:
  case NxLexer::DOTDOT: case NxLexer::ELSE: case NxLexer::AMP:
    return true;
  default:
    return false;
  }
}

/// Binary-only operators: a line starting with one continues the last line.
bool isBinaryOnly(size_t type) {
  switch (type) {
  case NxLexer::STAR: case NxLexer::SLASH: case NxLexer::POW:
  case NxLexer::PIPE: case NxLexer::EQEQ: case NxLexer::NEQ:
  case NxLexer::LT: case NxLexer::GT: case NxLexer::LE: case NxLexer::GE:
  case NxLexer::AND: case NxLexer::OR: case NxLexer::ANDAND:
  case NxLexer::OROR: case NxLexer::DOT:
    return true;
  default:
    return false;
  }
}

bool isBinaryOperator(size_t type) {
  return isBinaryOnly(type) || type == NxLexer::PLUS ||
         type == NxLexer::MINUS;
}

/// Filters the raw tokens in place. Returns false on a fatal error (nesting
/// too deep); reports bad characters and unterminated strings and drops them.
bool filterTokens(std::vector<std::unique_ptr<antlr4::Token>> &raw,
                  std::vector<std::unique_ptr<antlr4::Token>> &out,
                  OpenerStack &open, DiagnosticEngine &diags) {
  std::vector<size_t> brackets; // open bracket types
  // Open brackets and `do`/`fn` blocks, innermost last: newlines are
  // significant again inside a block, even one written inside brackets
  // (`Nx.reduce(t, 0, fn x, acc -> ... end)`).
  std::vector<size_t> contexts;
  size_t prevType = NxLexer::NL; // as if the file started after a newline
  unsigned prefixChain = 0;
  unsigned operators = 0;
  for (size_t i = 0; i < raw.size(); ++i) {
    antlr4::Token *t = raw[i].get();
    size_t type = t->getType();
    if (type == antlr4::Token::EOF) {
      out.push_back(std::move(raw[i]));
      continue;
    }
    if (type == NxLexer::ERROR_CHAR) {
      std::string text = t->getText();
      unsigned char c = text.empty() ? 0 : static_cast<unsigned char>(text[0]);
      std::string shown = text;
      if (c < 0x20 || c == 0x7f) {
        char buf[8];
        snprintf(buf, sizeof buf, "\\x%02x", c);
        shown = buf;
      }
      diags.diagnose(locOf(t), DiagKind::UnexpectedCharacter, shown);
      continue;
    }
    if (type == NxLexer::UNTERMINATED_STRING) {
      diags.diagnose(locOf(t), DiagKind::UnterminatedString);
      return false; // it ran to the end of the file
    }
    if (type == NxLexer::NL) {
      // Find the next significant token.
      size_t j = i + 1;
      while (j < raw.size() && (raw[j]->getType() == NxLexer::NL ||
                                raw[j]->getType() == NxLexer::ERROR_CHAR ||
                                raw[j]->getType() ==
                                    NxLexer::UNTERMINATED_STRING))
        ++j;
      size_t next = j < raw.size() ? raw[j]->getType() : antlr4::Token::EOF;
      bool inBrackets = !contexts.empty() && contexts.back() != NxLexer::DO &&
                        contexts.back() != NxLexer::FN;
      bool hide = inBrackets || isOperatorLike(prevType) ||
                  isBinaryOnly(next) || next == NxLexer::END ||
                  next == NxLexer::ELSE ||
                  next == antlr4::Token::EOF;
      if (hide)
        continue;
      operators = 0;
      prevType = type;
      out.push_back(std::move(raw[i]));
      continue;
    }
    if (type == NxLexer::SEMI)
      operators = 0;
    // Nesting: brackets and chains of prefix operators.
    bool prefixPosition = isOperatorLike(prevType);
    if (prefixPosition &&
        (type == NxLexer::MINUS || type == NxLexer::PLUS ||
         type == NxLexer::NOT || type == NxLexer::BANG))
      ++prefixChain;
    else if (type != NxLexer::LPAREN)
      prefixChain = 0;
    if (!prefixPosition && isBinaryOperator(type) && ++operators > kMaxOperators) {
      diags.diagnose(locOf(t), DiagKind::TooManyOperators, kMaxOperators);
      return false;
    }
    if (type == NxLexer::LPAREN || type == NxLexer::LBRACK ||
        type == NxLexer::LBRACE) {
      brackets.push_back(type);
      contexts.push_back(type);
      open.openers.push_back({t->getText(), locOf(t)});
    } else if (type == NxLexer::DO) {
      contexts.push_back(type);
      open.openers.push_back({"do", locOf(t)});
    } else if (type == NxLexer::FN) {
      contexts.push_back(type);
    } else if (type == NxLexer::RPAREN || type == NxLexer::RBRACK ||
               type == NxLexer::RBRACE) {
      if (!brackets.empty())
        brackets.pop_back();
      if (!contexts.empty() && contexts.back() != NxLexer::DO &&
          contexts.back() != NxLexer::FN)
        contexts.pop_back();
      if (!open.openers.empty() && open.openers.back().first != "do")
        open.openers.pop_back();
    } else if (type == NxLexer::END) {
      if (!contexts.empty() && (contexts.back() == NxLexer::DO ||
                                contexts.back() == NxLexer::FN))
        contexts.pop_back();
      while (!open.openers.empty() && open.openers.back().first != "do")
        open.openers.pop_back();
      if (!open.openers.empty())
        open.openers.pop_back();
    }
    if (brackets.size() + prefixChain > kMaxNesting) {
      diags.diagnose(locOf(t), DiagKind::NestingTooDeep, kMaxNesting);
      return false;
    }
    prevType = type;
    out.push_back(std::move(raw[i]));
  }
  return true;
}

std::unique_ptr<ParsedModule> parseImpl(const std::string &text,
                                        const std::string &filename,
                                        DiagnosticEngine &diags) {
  if (!validateUtf8(text, diags))
    return nullptr;
  unsigned errorsBefore = diags.errorCount();

  antlr4::ANTLRInputStream input(text);
  NxLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::unique_ptr<antlr4::Token>> raw;
  for (;;) {
    raw.push_back(lexer.nextToken());
    if (raw.back()->getType() == antlr4::Token::EOF)
      break;
  }
  std::vector<std::unique_ptr<antlr4::Token>> filtered;
  OpenerStack open;
  if (!filterTokens(raw, filtered, open, diags))
    return nullptr;

  antlr4::ListTokenSource source(std::move(filtered));
  antlr4::CommonTokenStream tokens(&source);
  NxParser parser(&tokens);
  parser.removeErrorListeners();
  SyntaxErrorListener listener(diags, open);
  parser.addErrorListener(&listener);
  NxParser::Module_Context *tree = parser.module_();
  if (listener.count > 0 || diags.errorCount() != errorsBefore)
    return nullptr;

  auto result = std::make_unique<ParsedModule>();
  result->filename = filename;
  result->fileId = diags.currentSource();
  if (!buildAST(tree, *result, diags))
    return nullptr;
  return result;
}

} // namespace

std::unique_ptr<ParsedModule> parseString(const std::string &text,
                                          const std::string &filename,
                                          DiagnosticEngine &diags) {
  std::unique_ptr<ParsedModule> result;
  runOnLargeStack([&] {
    try {
      diags.setSource(filename, text);
      result = parseImpl(text, filename, diags);
    } catch (const std::exception &e) {
      diags.diagnose({}, DiagKind::InternalError, "parsing", e.what());
    } catch (...) {
      diags.diagnose({}, DiagKind::InternalError, "parsing",
                     "unknown exception");
    }
  });
  return result;
}

std::unique_ptr<ParsedModule> parseFile(const std::string &path,
                                        DiagnosticEngine &diags) {
  try {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      diags.setSource(path, "");
      diags.diagnose({}, DiagKind::FileIsDirectory, path);
      return nullptr;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diags.setSource(path, "");
      diags.diagnose({}, DiagKind::CannotOpenFile, path);
      return nullptr;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parseString(ss.str(), path, diags);
  } catch (...) {
    diags.diagnose({}, DiagKind::CannotReadFile, path);
  }
  return nullptr;
}

} // namespace nxc
