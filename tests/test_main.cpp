// The one main() shared by every test program (Catch2 2.x).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
