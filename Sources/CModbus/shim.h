// libmodbus, found through pkg-config (libmodbus-dev installs <modbus/modbus.h>; its .pc adds -I.../modbus).
#include <modbus.h>
