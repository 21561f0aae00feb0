// libmodbus, found through pkg-config (libmodbus-dev installs <modbus/modbus.h>; its .pc adds -I.../modbus).
#include <modbus.h>
// openpty(3) for the cabinet simulator's RTU pty pair (pty.h is not part of Swift's Glibc module; glibc >= 2.34
// has openpty in libc itself).
#include <pty.h>
