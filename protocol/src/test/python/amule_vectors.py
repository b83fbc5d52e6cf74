#!/usr/bin/env python3
"""Independent oracle for the kad4 (aMule) test vectors: AmuleObfuscationTest,
AmuleGoldenVectorsTest, AmuleFilesTest. Two sources, neither sharing code with Java:
  1. the shared, interop-verified recipes /work/shared/interop/kad2probe.py, kad2node.py and
     mk_kadfiles.py (or $INTEROP_DIR), driven with a deterministic os.urandom;
  2. hashlib MD5 plus a textbook RC4 written here.
usage: python3 amule_vectors.py"""
import hashlib, os, socket, struct, subprocess, sys, tempfile
INTEROP = os.environ.get('INTEROP_DIR', '/work/shared/interop')
sys.path.insert(0, INTEROP)
import kad2probe, kad2node

MAGIC = 0x395F2EC1

def rc4(key, data):
    s = list(range(256)); j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xff; s[i], s[j] = s[j], s[i]
    i = j = 0; out = bytearray()
    for b in data:
        i = (i + 1) & 0xff; j = (j + s[i]) & 0xff; s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) & 0xff])
    return bytes(out)

def verify_key_ip(ip, secret):
    """aMule GetUDPVerifyKey(ip): MD5 of the uint64 secret<<32 | ip, where ip is the socket's
    network-order uint32, i.e. the dotted octets in order, then the secret LE."""
    d = hashlib.md5(socket.inet_aton(ip) + struct.pack('<I', secret)).digest()
    a, b, c, e = struct.unpack('<4I', d)
    return (a ^ b ^ c ^ e) % 0xFFFFFFFE + 1

def recv_key_obfuscate(frame, marker, rkp, rvk, svk):
    key = hashlib.md5(struct.pack('<IH', rvk, rkp)).digest()
    return bytes([marker]) + struct.pack('<H', rkp) + rc4(key, struct.pack('<IBII', MAGIC, 0, rvk, svk) + frame)

W = kad2probe.u128_to_wire
OWN = bytes.fromhex('00112233445566778899AABBCCDDEEFF')
PEER = bytes.fromhex('0102030405060708090A0B0C0D0E0F10')
TARGET = bytes.fromhex('A0A1A2A3B0B1B2B3C0C1C2C3D0D1D2D3')

print('# verify keys (ip, secret) -> key')
for ip, sec in [('198.51.100.1', 0x11223344), ('203.0.113.4', 0x11223344), ('1.2.3.4', 0x9ABCDEF0)]:
    print(ip, f'{sec:#010x} -> {verify_key_ip(ip, sec):#010x}')

print('# kad2probe HELLO_REQ body: id OWN, tcp 4662, version 8, 0 tags')
print((bytes([0xE4, 0x11]) + W(OWN) + struct.pack('<HBB', 4662, 8, 0)).hex())
print('# kad2probe KADEMLIA2_REQ: type 2, target TARGET, receiver PEER')
print((bytes([0xE4, 0x21, 2]) + W(TARGET) + W(PEER)).hex())
def contact(idb, ip, udp, tcp, ver):   # the layout kad2node.py writes and kad2probe.parse_contacts reads
    return W(idb) + struct.pack('<I', struct.unpack('!I', socket.inet_aton(ip))[0]) + struct.pack('<HHB', udp, tcp, ver)
res = bytes([0xE4, 0x29]) + W(TARGET) + bytes([2]) + contact(OWN, '198.51.100.1', 4672, 4662, 8) + contact(PEER, '203.0.113.4', 4673, 0, 9)
print('# RES with 2 contacts; kad2probe.parse_contacts reads back:', kad2probe.parse_contacts(res[2:], 17, 2)[0])
print(res.hex())
print('# kad2node PONG for a PING from port 4672')
print((bytes([0xE4, 0x61]) + struct.pack('<H', 4672)).hex())

# kad2node.obfuscate (NodeID mode) with os.urandom pinned: marker draw 0x13 -> 0x10, rkp bytes EF BE.
draws = iter([b'\x13', b'\xEF\xBE'])
real_urandom = os.urandom
os.urandom = lambda n: next(draws)
try:
    frame = bytes([0xE4, 0x21, 0x0B]) + W(TARGET) + W(PEER)
    print('# kad2node.obfuscate NodeID mode: frame REQ(0x0B, TARGET, PEER) to PEER, rvk 0, svk 0x01020304')
    print(kad2node.obfuscate(frame, PEER, 0, 0x01020304).hex())
finally:
    os.urandom = real_urandom
rvk = verify_key_ip('198.51.100.1', 0x11223344)
ack = bytes([0xE4, 0x22]) + W(OWN) + b'\x00'
print(f'# receiver-key mode HELLO_RES_ACK(OWN): marker 0x02 rkp 0x1234 rvk 0x7B4F4129 svk {rvk:#010x}')
print(recv_key_obfuscate(ack, 0x02, 0x1234, 0x7B4F4129, rvk).hex())

with tempfile.TemporaryDirectory() as d:
    subprocess.run([sys.executable, os.path.join(INTEROP, 'mk_kadfiles.py'), 'prefs', d, '00112233445566778899AABBCCDDEEFF'], check=True)
    print('# mk_kadfiles.py prefs OWN -> preferencesKad.dat')
    print(open(os.path.join(d, 'preferencesKad.dat'), 'rb').read().hex())
    subprocess.run([sys.executable, os.path.join(INTEROP, 'mk_kadfiles.py'), 'nodes', d,
                    '00112233445566778899AABBCCDDEEFF:198.51.100.1:4672:4662',
                    '0102030405060708090A0B0C0D0E0F10:203.0.113.4:4673:4663:9'], check=True)
    print('# mk_kadfiles.py nodes OWN@198.51.100.1:4672:4662 PEER@203.0.113.4:4673:4663:9 -> nodes.dat')
    print(open(os.path.join(d, 'nodes.dat'), 'rb').read().hex())
