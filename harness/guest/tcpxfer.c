// SPDX-License-Identifier: GPL-2.0
/*
 * tcpxfer: move one file over TCP and end cleanly, which busybox nc
 * cannot promise (it does not half-close after its input ends).
 *   tcpxfer send HOST PORT FILE   connect (retrying for 60 s), send FILE
 *   tcpxfer recv PORT FILE        accept one connection, write it to FILE
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>

/* Returns the bytes copied, or -1. */
static long long copy(int from, int to)
{
	char buf[65536];
	ssize_t n, w, off;
	long long total = 0;

	while ((n = read(from, buf, sizeof(buf))) > 0) {
		for (off = 0; off < n; off += w) {
			w = write(to, buf + off, n - off);
			if (w <= 0)
				return -1;
		}
		total += n;
	}
	return n < 0 ? -1 : total;
}

static int do_send(const char *host, int port, const char *file)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = open(file, O_RDONLY), s = -1, i;
	long long total;

	if (fd < 0 || inet_pton(AF_INET, host, &sa.sin_addr) != 1)
		return perror(file), 1;
	for (i = 0; i < 300; i++) {
		s = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			break;
		close(s);
		s = -1;
		usleep(200000);
	}
	if (s < 0)
		return fprintf(stderr, "tcpxfer: cannot connect to %s:%d\n", host, port), 1;
	total = copy(fd, s);
	if (total < 0)
		return perror("tcpxfer: send"), 1;
	fprintf(stderr, "tcpxfer: sent %lld bytes to %s:%d\n", total, host, port);
	shutdown(s, SHUT_WR);
	/* Wait for the receiver to close: it has everything then. */
	while (read(s, &i, sizeof(i)) > 0)
		;
	return 0;
}

static int do_recv(int port, const char *file)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 0), s;
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long long total;

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(l, (struct sockaddr *)&sa, sizeof(sa)) || listen(l, 1))
		return perror("tcpxfer: listen"), 1;
	s = accept(l, NULL, NULL);
	total = s < 0 ? -1 : copy(s, fd);
	if (total < 0)
		return perror("tcpxfer: recv"), 1;
	fprintf(stderr, "tcpxfer: received %lld bytes on port %d\n", total, port);
	close(fd);
	close(s);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "send"))
		return do_send(argv[2], atoi(argv[3]), argv[4]);
	if (argc == 4 && !strcmp(argv[1], "recv"))
		return do_recv(atoi(argv[2]), argv[3]);
	fprintf(stderr, "usage: tcpxfer send HOST PORT FILE | tcpxfer recv PORT FILE\n");
	return 2;
}
