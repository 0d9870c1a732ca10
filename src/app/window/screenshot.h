// app/window/screenshot.h — the window's framebuffer as a PNG (--screenshot).
#pragma once
#include <string>

namespace mailscope {

// Reads the current framebuffer (after rendering, before the swap) and writes it, flipped so
// that the top row comes first, as an RGB PNG.
bool write_screenshot(const std::string& path, int width, int height, std::string& error);

}  // namespace mailscope
