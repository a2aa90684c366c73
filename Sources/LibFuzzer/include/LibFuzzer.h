#ifndef FIREBREAK_LIBFUZZER_H
#define FIREBREAK_LIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with its command line, calling `test` with each input until the run ends.
///
/// The fuzz targets link libFuzzer without its own `main` (SwiftPM gives every executable one)
/// and call this from theirs.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

#endif
