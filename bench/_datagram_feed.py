"""Feeds COUNT messages of SIZE bytes to a command's standard input, one read
each: stdin is one end of an AF_UNIX SOCK_SEQPACKET pair, whose reads return
exactly one message, so nc -u, socat and tp1 connect --udp all send exactly
one SIZE-byte datagram per message, as a datagram source would. Sending blocks
when the reader falls behind, so the source never outruns the sender.

usage: python3 _datagram_feed.py COUNT SIZE -- COMMAND [ARGS...]
"""
import socket
import subprocess
import sys

count, size = int(sys.argv[1]), int(sys.argv[2])
command = sys.argv[4:]
ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
child = subprocess.Popen(command, stdin=theirs)
theirs.close()
message = bytes((i * 7) % 256 for i in range(size))
for _ in range(count):
    ours.send(message)
ours.shutdown(socket.SHUT_WR)
sys.exit(child.wait())
