// app/window/screenshot.cpp — glReadPixels + stb_image_write.
#define GL_GLEXT_PROTOTYPES
#include "screenshot.h"

#include <GLFW/glfw3.h>

#include <vector>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO_WRAPPERS
#include <stb_image_write.h>

namespace mailscope {

bool write_screenshot(const std::string& path, int width, int height, std::string& error) {
  if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
    error = "The window has no size to capture.";
    return false;
  }
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's first row is the bottom one; a PNG starts at the top.
  stbi_flip_vertically_on_write(1);
  if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3)) {
    error = "Could not write the screenshot " + path + ": check that its folder exists and is writable.";
    return false;
  }
  return true;
}

}  // namespace mailscope
