#include "harness/report/console.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace report {
namespace {

// --color always/never win over the environment; auto follows FORCE_COLOR, then NO_COLOR, then
// whether the output is a terminal.
TEST(Console, ColourFromTheFlagThenForceColourThenNoColourThenTheTerminal) {
  ::unsetenv("FORCE_COLOR");
  ::unsetenv("NO_COLOR");
  EXPECT_TRUE(use_colour(Colour::Auto, true));
  EXPECT_FALSE(use_colour(Colour::Auto, false));
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(use_colour(Colour::Auto, true));
  EXPECT_TRUE(use_colour(Colour::Always, false));
  ::setenv("NO_COLOR", "", 1);  // set but empty: not a request (no-color.org)
  EXPECT_TRUE(use_colour(Colour::Auto, true));
  ::setenv("FORCE_COLOR", "1", 1);
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_TRUE(use_colour(Colour::Auto, false));
  EXPECT_FALSE(use_colour(Colour::Never, true));
  ::setenv("FORCE_COLOR", "0", 1);
  EXPECT_FALSE(use_colour(Colour::Auto, true));
  ::unsetenv("FORCE_COLOR");
  ::unsetenv("NO_COLOR");
}

}  // namespace
}  // namespace report
