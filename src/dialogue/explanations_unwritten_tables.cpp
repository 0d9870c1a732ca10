// dialogue/explanations_unwritten_tables.cpp — empty stand-ins for protocol tables not yet written,
// so a layer can be built before all tables exist.
//
// Each definition is weak: the strong definition in explanations_<smtp|pop3|imap>.cpp replaces
// it. Why a file of its own, named to sort after those tables: the linker takes members of a
// static archive in order, and a weak definition that is already linked (as it would be inside
// explanations.cpp) stops the linker from ever pulling the real table out of the archive.
// CMake globs sources in sorted order, so the real tables come first and win.
// Delete this file once explanations_smtp.cpp, explanations_pop3.cpp and explanations_imap.cpp
// all exist.
#include "dialogue/explanations.h"

namespace mailscope {

__attribute__((weak)) ExplanationTable explanations_smtp() { return {nullptr, 0}; }
__attribute__((weak)) ExplanationTable explanations_pop3() { return {nullptr, 0}; }
__attribute__((weak)) ExplanationTable explanations_imap() { return {nullptr, 0}; }

}  // namespace mailscope
