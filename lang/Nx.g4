// Nx.g4 - the grammar of nx source files (an Elixir subset for Nx `defn`).
//
// This grammar only describes the syntax; the frontend (frontend/Parser.cpp)
// filters the token stream before parsing: newlines inside brackets, after an
// operator or comma, and before `|>` or `end` are dropped, so the `NL` tokens
// the parser sees always separate statements. The AST builder
// (frontend/ASTBuilder.cpp) then desugars pipes and validates patterns. See
// docs/language.md for the language reference.
grammar Nx;

// ---------------------------------------------------------------- parser ---

module_ : sep? moduleDef (sep? moduleDef)* sep? EOF ;

moduleDef : DEFMODULE aliasName DO sep? (moduleItem (sep moduleItem)* sep?)? END ;

aliasName : ALIAS (DOT ALIAS)* ;

moduleItem
  : ENTRY_ATTR IDENT LPAREN (typeSpec (COMMA typeSpec)*)? RPAREN DCOLON typeSpec  # entryItem
  | TYPE_ATTR IDENT DCOLON typeSpec                                              # typeItem
  | ATTR expr                                                                     # attrItem
  | kind=(DEFN | DEFNP) IDENT (LPAREN (param (COMMA param)*)? RPAREN)? defnBody   # defnItem
  // `alias A.B`, `alias A.B, as: C`, `import A.B` (the builder checks the word).
  | IDENT aliasName (COMMA KEYWORD aliasName)?                                   # useItem
  ;

typeSpec
  : IDENT LBRACK (dimSpec (COMMA dimSpec)*)? RBRACK   # tensorTypeSpec
  | LBRACE (typeSpec (COMMA typeSpec)*)? RBRACE       # tupleTypeSpec
  | IDENT                                             # aliasTypeSpec
  ;

dimSpec : INT | IDENT ;

// A parameter pattern with an optional default: `opts \\ []`.
param : expr (DEFAULT_ARG expr)? ;

defnBody
  : DO sep? (body sep?)? END   # blockBody
  | COMMA DO_COLON expr        # inlineBody
  ;

body : stmt (sep stmt)* ;

stmt : expr (ASSIGN stmt)? ;

sep : (NL | SEMI)+ ;

expr
  : primary                                  # primaryExpr
  | expr LBRACK expr RBRACK                  # accessExpr
  | op=(MINUS | PLUS | NOT | BANG) expr      # unaryExpr
  | expr op=POW expr                         # binaryExpr
  | expr op=(STAR | SLASH) expr              # binaryExpr
  | expr op=(PLUS | MINUS) expr              # binaryExpr
  | expr op=PIPE expr                        # binaryExpr
  | expr op=(LT | GT | LE | GE) expr         # binaryExpr
  | expr op=(EQEQ | NEQ) expr                # binaryExpr
  | expr op=(AND | ANDAND) expr              # binaryExpr
  | expr op=(OR | OROR) expr                 # binaryExpr
  | AMP expr                                 # captureExpr
  ;

primary
  : INT                                                # intLit
  | FLOAT                                              # floatLit
  | ATOM                                               # atomLit
  | (TRUE | FALSE | NIL)                               # boolLit
  | (STRING | HEREDOC)                                 # stringLit
  | aliasName DOT IDENT LPAREN args? RPAREN            # remoteCall
  | IDENT LPAREN args? RPAREN                          # localCall
  | IDENT                                              # varRef
  | LPAREN expr RPAREN                                 # parenExpr
  | LBRACE (expr (COMMA expr)* COMMA?)? RBRACE         # tupleExpr
  | LBRACK args? COMMA? RBRACK                         # listExpr
  | IF expr DO sep? (body sep?)? (ELSE sep? (body sep?)?)? END          # ifExpr
  // `if c, do: a, else: b` (`else:` lexes as a KEYWORD; the builder checks it).
  | IF cond=expr COMMA DO_COLON then=expr (COMMA KEYWORD other=expr)?   # ifInline
  | COND DO sep? condClause (sep condClause)* sep? END                  # condExpr
  | WHILE whileInit COMMA (condition=expr | gen=IDENT LARROW lo=expr DOTDOT hi=expr)
    (COMMA kwPair)* DO sep? (body sep?)? END                            # whileExpr
  | CASE expr DO sep? condClause (sep condClause)* sep? END             # caseExpr
  | FN sep? fnClause (sep fnClause)* sep? END                               # fnExpr
  | AMP aliasName DOT IDENT SLASH INT                  # captureRemote
  | AMP IDENT SLASH INT                                # captureLocal
  | AMP INT                                            # captureArg
  | IDENT DOT LPAREN args? RPAREN                      # applyExpr
  ;

// One clause of an anonymous function: `a, b -> body` or `(a, b) -> body`.
fnClause
  : (LPAREN (expr (COMMA expr)*)? RPAREN | expr (COMMA expr)*)? ARROW sep? body ;

// One clause of `cond`: `condition -> body` (the body may span lines).
condClause : expr ARROW sep? body ;

// The initial state of `while`: a variable, `variable = value`, a tuple of
// those, or `pattern = value`.
whileInit
  : IDENT (ASSIGN expr)?                                  # whileVar
  | LBRACE whileInit (COMMA whileInit)* RBRACE (ASSIGN expr)? # whileTuple
  ;

args
  : expr (COMMA expr)* (COMMA kwPair (COMMA kwPair)*)?
  | kwPair (COMMA kwPair)*
  ;

kwPair : KEYWORD expr ;

// ----------------------------------------------------------------- lexer ---

DEFMODULE : 'defmodule' ;
DEFNP : 'defnp' ;
DEFN : 'defn' ;
DO_COLON : 'do:' ;
DO : 'do' ;
END : 'end' ;
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
TRUE : 'true' ;
FALSE : 'false' ;
NIL : 'nil' ;
IF : 'if' ;
ELSE : 'else' ;
COND : 'cond' ;
WHILE : 'while' ;
CASE : 'case' ;
FN : 'fn' ;

ENTRY_ATTR : '@entry' ;
TYPE_ATTR : '@type' ;
ATTR : '@' [a-z_] [a-zA-Z0-9_]* ;

DCOLON : '::' ;
ARROW : '->' ;
LARROW : '<-' ;
DOTDOT : '..' ;
PIPE : '|>' ;
DEFAULT_ARG : '\\\\' ;
EQEQ : '==' ;
NEQ : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;
ANDAND : '&&' ;
AMP : '&' ;
OROR : '||' ;
POW : '**' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
BANG : '!' ;
ASSIGN : '=' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
COMMA : ',' ;
DOT : '.' ;
SEMI : ';' ;

KEYWORD : [a-z_] [a-zA-Z0-9_]* [?!]? ':' ;
ATOM : ':' [a-zA-Z_] [a-zA-Z0-9_]* [?!]? ;
ALIAS : [A-Z] [a-zA-Z0-9_]* ;
IDENT : [a-z_] [a-zA-Z0-9_]* [?!]? ;

FLOAT : DIGITS '.' DIGITS ([eE] [+-]? DIGITS)? ;
INT : DIGITS | '0x' [0-9a-fA-F] ('_'? [0-9a-fA-F])* ;
fragment DIGITS : [0-9] ('_'? [0-9])* ;

HEREDOC : '"""' .*? '"""' ;
STRING : '"' (~["\\] | '\\' .)* '"' ;
UNTERMINATED_STRING : '"' (~["\\] | '\\' .)* '\\'? ;

COMMENT : '#' ~[\r\n]* -> skip ;
NL : '\r'? '\n' | '\r' ;
WS : [ \t\f]+ -> skip ;
ERROR_CHAR : . ;
