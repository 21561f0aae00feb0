#include "CGatewayLinux.h"

#include <errno.h>
#include <time.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <unistd.h>

int cgl_evdev_grab(int fd, int grab) { return ioctl(fd, EVIOCGRAB, grab); }

int cgl_evdev_name(int fd, char *buffer, size_t length) { return ioctl(fd, EVIOCGNAME(length), buffer); }

int cgl_evdev_id(int fd, struct input_id *id) { return ioctl(fd, EVIOCGID, id); }

int cgl_evdev_set_monotonic_clock(int fd) {
    int clock = CLOCK_MONOTONIC;
    return ioctl(fd, EVIOCSCLOCKID, &clock);
}

int cgl_hidraw_info(int fd, struct hidraw_devinfo *info) { return ioctl(fd, HIDIOCGRAWINFO, info); }

int cgl_hidraw_report_descriptor(int fd, unsigned char *buffer, size_t capacity) {
    int size = 0;
    if (ioctl(fd, HIDIOCGRDESCSIZE, &size) < 0) return -1;
    struct hidraw_report_descriptor descriptor;
    descriptor.size = (unsigned int)size;
    if (ioctl(fd, HIDIOCGRDESC, &descriptor) < 0) return -1;
    size_t copied = (size_t)size < capacity ? (size_t)size : capacity;
    for (size_t i = 0; i < copied; i++) buffer[i] = descriptor.value[i];
    return size;
}

int cgl_hidraw_set_feature(int fd, const unsigned char *report, size_t length) {
    return ioctl(fd, HIDIOCSFEATURE(length), report);
}

int cgl_openpty(int *controller, int *device) { return openpty(controller, device, NULL, NULL, NULL); }

static speed_t speed_for_baud(unsigned int baud) {
    switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    default: return 0;
    }
}

int cgl_configure_serial(int fd, unsigned int baud) {
    speed_t speed = speed_for_baud(baud);
    if (speed == 0) {
        errno = EINVAL;
        return -1;
    }
    struct termios tio;
    if (tcgetattr(fd, &tio) != 0) return -1;
    cfmakeraw(&tio);
    tio.c_cflag &= ~(CSTOPB | PARENB | CRTSCTS);
    tio.c_cflag |= CS8 | CLOCAL | CREAD;
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    if (cfsetispeed(&tio, speed) != 0 || cfsetospeed(&tio, speed) != 0) return -1;
    return tcsetattr(fd, TCSANOW, &tio);
}
