// Linux interfaces Swift cannot import directly: function-like ioctl macros (EVIOCGRAB, EVIOCGNAME,
// HIDIOCGRAWINFO, HIDIOCSFEATURE) and the kernel's input structures, which Glibc's module map leaves out.
// Each wrapper is a one-liner; the reason for its existence is in the comment above it.
#ifndef C_GATEWAY_LINUX_H
#define C_GATEWAY_LINUX_H

#include <stddef.h>
#include <stdint.h>
#include <linux/input.h>
#include <linux/hidraw.h>
#include <termios.h>

// EVIOCGRAB is a function-like macro: take (1) or release (0) exclusive access to an evdev device.
int cgl_evdev_grab(int fd, int grab);

// EVIOCGNAME(len) is a function-like macro: the device's human name.
int cgl_evdev_name(int fd, char *buffer, size_t length);

// EVIOCGID is a macro: bus, vendor, product and version of an evdev device.
int cgl_evdev_id(int fd, struct input_id *id);

// EVIOCSCLOCKID is a macro: stamp this fd's events with CLOCK_MONOTONIC, the clock the gateway measures with.
int cgl_evdev_set_monotonic_clock(int fd);

// HIDIOCGRAWINFO is a macro: bus type, vendor and product of a hidraw device.
int cgl_hidraw_info(int fd, struct hidraw_devinfo *info);

// HIDIOCGRDESCSIZE / HIDIOCGRDESC are macros: the report descriptor (to check for usage page 0x8C, HID-POS).
// Copies at most `capacity` bytes; returns the descriptor's length, or -1 with errno set.
int cgl_hidraw_report_descriptor(int fd, unsigned char *buffer, size_t capacity);

// HIDIOCSFEATURE(len) is a function-like macro: send a feature report (Honeywell HID-POS mode enable).
int cgl_hidraw_set_feature(int fd, const unsigned char *report, size_t length);

// openpty lives in libutil's <pty.h>; wrapped so Swift needs no extra link flags in each target.
int cgl_openpty(int *controller, int *device);

// cfmakeraw plus a baud rate, 8N1, no flow control: the set-up every serial scanner and RS-485 adapter wants.
// Returns 0, or -1 with errno set (EINVAL for an unsupported baud rate).
int cgl_configure_serial(int fd, unsigned int baud);

#endif
