// lessons/progress_store.cpp — the progress INI file; see progress_store.h.
#include "lessons/progress_store.h"

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include "lessons/lesson_parser.h"

namespace mailscope {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

fs::path ProgressStore::default_path() {
  // XDG Base Directory Specification: $XDG_CONFIG_HOME, default $HOME/.config.
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/') return fs::path(xdg) / "mailscope" / "progress.ini";
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".config" / "mailscope" / "progress.ini";
  return fs::path("mailscope-progress.ini");
}

ProgressStore::ProgressStore(fs::path path) : path_(std::move(path)) {}

bool ProgressStore::load() {
  lessons_.clear();
  skipped_lines_ = 0;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return false;
  std::string text(max_file_bytes, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));

  std::string section;  // empty: outside a valid section, keys are skipped
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t newline = rest.find('\n');
    std::string_view line = trim(rest.substr(0, newline));
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      section.clear();
      if (line.back() != ']' || !is_valid_lesson_id(trim(line.substr(1, line.size() - 2)))) {
        ++skipped_lines_;
        continue;
      }
      std::string id(trim(line.substr(1, line.size() - 2)));
      if (lessons_.size() >= max_lessons && !lessons_.count(id)) {
        ++skipped_lines_;
        continue;
      }
      section = id;
      lessons_[section];
      continue;
    }
    size_t equals = line.find('=');
    if (section.empty() || equals == std::string_view::npos) {
      ++skipped_lines_;
      continue;
    }
    std::string_view key = trim(line.substr(0, equals));
    std::string_view value = trim(line.substr(equals + 1));
    LessonProgress& progress = lessons_[section];
    if (key == "done" && (value == "true" || value == "false")) {
      progress.done = value == "true";
    } else if (key == "step") {
      uint32_t step = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), step);
      if (ec == std::errc() && end == value.data() + value.size()) {
        progress.last_step = step;
      } else {
        ++skipped_lines_;
      }
    } else {
      ++skipped_lines_;
    }
  }
  return true;
}

bool ProgressStore::save(std::string& error) const {
  std::error_code ec;
  if (path_.has_parent_path()) fs::create_directories(path_.parent_path(), ec);
  if (ec) {
    error = "cannot create " + path_.parent_path().string() + ": " + ec.message() +
            "; lesson progress is not saved";
    return false;
  }
  std::ostringstream out;
  out << "# mailscope lesson progress: one section per lesson id; safe to edit or delete.\n";
  for (const auto& [id, progress] : lessons_) {
    out << "\n[" << id << "]\ndone = " << (progress.done ? "true" : "false")
        << "\nstep = " << progress.last_step << "\n";
  }
  fs::path temporary = path_;
  temporary += ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << out.str();
    file.flush();
    if (!file) {
      error = "cannot write " + temporary.string() + "; lesson progress is not saved";
      return false;
    }
  }
  fs::rename(temporary, path_, ec);
  if (ec) {
    error =
        "cannot replace " + path_.string() + ": " + ec.message() + "; lesson progress is not saved";
    fs::remove(temporary, ec);
    return false;
  }
  return true;
}

LessonProgress ProgressStore::get(std::string_view lesson_id) const {
  auto found = lessons_.find(lesson_id);
  return found == lessons_.end() ? LessonProgress{} : found->second;
}

void ProgressStore::set(const std::string& lesson_id, LessonProgress progress) {
  if (!is_valid_lesson_id(lesson_id)) return;  // could not be written back as a section
  if (lessons_.size() >= max_lessons && !lessons_.count(lesson_id)) return;
  lessons_[lesson_id] = progress;
}

void ProgressStore::set_step(const std::string& lesson_id, uint32_t step) {
  LessonProgress p = get(lesson_id);
  p.last_step = step;
  set(lesson_id, p);
}

void ProgressStore::set_done(const std::string& lesson_id, bool done) {
  LessonProgress p = get(lesson_id);
  p.done = done;
  set(lesson_id, p);
}

void ProgressStore::forget(const std::string& lesson_id) {
  auto found = lessons_.find(lesson_id);
  if (found != lessons_.end()) lessons_.erase(found);
}

}  // namespace mailscope
