// libudev (libudev-dev): device enumeration and hotplug monitoring.
#include <libudev.h>
