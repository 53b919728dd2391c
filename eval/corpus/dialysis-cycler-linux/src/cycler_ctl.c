/*
 * HemoHome C2 - link to the pump controller MCU: set points down, measurements up (115200 8N1, COBS frames).
 * SPDX-License-Identifier: LicenseRef-HemoHome
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "cycler.h"

#define CTRL_TTY "/dev/ttymxc2"

struct ctrl_state {
	uint16_t blood_flow;
	uint16_t dialysate_flow;
	int16_t venous_mmhg;
	int16_t arterial_mmhg;
	uint16_t uf_ml;
	uint8_t alarms;
};

static int s_fd = -1;
static struct ctrl_state s_state;

static size_t cobs_decode(const uint8_t *in, size_t len, uint8_t *out)
{
	size_t r = 0, w = 0;
	while (r < len) {
		uint8_t code = in[r++];
		for (uint8_t i = 1; i < code && r < len; i++) {
			out[w++] = in[r++];
		}
		if (code != 0xff && r < len) {
			out[w++] = 0;
		}
	}
	return w;
}

int hemo_ctl_open(void)
{
	struct termios tio;
	s_fd = open(CTRL_TTY, O_RDWR | O_NOCTTY);
	if (s_fd < 0) {
		return -errno;
	}
	tcgetattr(s_fd, &tio);
	cfmakeraw(&tio);
	cfsetspeed(&tio, B115200);
	return tcsetattr(s_fd, TCSANOW, &tio);
}

int hemo_ctl_poll(void)
{
	uint8_t raw[64], frame[64];
	ssize_t n = read(s_fd, raw, sizeof(raw));
	if (n <= 0) {
		return -EAGAIN;
	}
	size_t len = cobs_decode(raw, (size_t)n, frame);
	if (len >= sizeof(s_state)) {
		memcpy(&s_state, frame, sizeof(s_state));
	}
	return 0;
}

int hemo_cycler_status_json(char *buf, size_t cap)
{
	return snprintf(buf, cap,
			"{\"blood_flow\":%u,\"dialysate_flow\":%u,\"venous\":%d,\"arterial\":%d,\"uf_ml\":%u,\"alarms\":%u}",
			s_state.blood_flow, s_state.dialysate_flow, s_state.venous_mmhg, s_state.arterial_mmhg, s_state.uf_ml,
			s_state.alarms);
}
