#!/usr/bin/env python3
"""Independent oracle for the frame/crypto/keyword test vectors (FramingTest, ObfuscationTest,
UdpVerifyKeyTest, KeywordHasherTest). Uses hashlib MD5, a textbook RC4 written here, and the
project's pure-python MD4 (/work/shared/interop/md4.py, or $MD4_DIR). Shares no code with Java.
usage: python3 frame_vectors.py"""
import hashlib, os, struct, sys
sys.path.insert(0, os.environ.get('MD4_DIR', '/work/shared/interop'))
from md4 import md4

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

def verify_key(ip_hash, secret):
    d = hashlib.md5(struct.pack('<II', ip_hash, secret)).digest()
    a, b, c, e = struct.unpack('<4I', d)
    return (a ^ b ^ c ^ e) % 0xFFFFFFFE + 1

def wire(id_hex):  # MD4-order hex -> iMule wire bytes / crypt value (each 4-byte word reversed)
    b = bytes.fromhex(id_hex)
    return b''.join(b[i:i+4][::-1] for i in range(0, 16, 4))

def obfuscate(frame, key_material, marker, rkp, rvk, svk):
    key = hashlib.md5(key_material + struct.pack('<H', rkp)).digest()
    body = struct.pack('<IBII', MAGIC, 0, rvk, svk) + frame
    return bytes([marker]) + struct.pack('<H', rkp) + rc4(key, body)

print('# verify keys (ipHash, secret) -> key')
for ip, sec in [(0, 0), (1, 2), (0x12345678, 0x9ABCDEF0), (0xFFFFFFFF, 0xFFFFFFFF), (0xDEADBEEF, 0x00C0FFEE)]:
    print(f'{ip:#010x} {sec:#010x} -> {verify_key(ip, sec):#010x}')

frame = bytes.fromhex('0511') + bytes(range(40))   # HELLO_REQ-shaped frame, payload 00..27
rid = '00112233445566778899AABBCCDDEEFF'
print('# NodeID mode: receiver', rid, 'marker 0x10 rkp 0xBEEF rvk 0 svk 0x01020304')
print(obfuscate(frame, wire(rid), 0x10, 0xBEEF, 0, 0x01020304).hex())
rvk = verify_key(0x12345678, 0x9ABCDEF0)  # the key a node with secret 0x9ABCDEF0 gave ipHash 0x12345678
print(f'# receiver-key mode: rvk {rvk:#010x} marker 0x7A rkp 0x1234 svk 0x0A0B0C0D')
print(obfuscate(frame, struct.pack('<I', rvk), 0x7A, 0x1234, rvk, 0x0A0B0C0D).hex())

print('# keyword hashes: word (already lower-cased per character) -> MD4 hex')
for w in ['ubuntu', 'linux', 'iso', 'the', 'música', '日本語', 'οδοσ', 'οδος', 'aé']:
    print(repr(w), md4(w.encode('utf-8')).hex().upper())
