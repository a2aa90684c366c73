// libFuzzer itself is linked by the fuzz targets (see Package.swift); this module only declares
// its entry point for Swift.
#include "LibFuzzer.h"
