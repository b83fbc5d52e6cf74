package io.pekkomule.protocol.endpoint;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An aMule ("kad4") endpoint: IPv4 address and UDP port, plus the TCP port where the contact
 * carries one (wire contacts and HELLOs do; a bare datagram source does not).
 *
 * @param address the IPv4 address as an int, most significant byte first (198.51.100.1 is
 *     0xC6336401), which is aMule's "host order" Kad IP
 */
public record Ipv4UdpEndpoint(int address, int udpPort, OptionalInt tcpPort) implements Endpoint {
  public static final int SUBNET_PREFIX = 24;

  public Ipv4UdpEndpoint {
    checkPort(udpPort, "udpPort");
    Objects.requireNonNull(tcpPort, "tcpPort");
    tcpPort.ifPresent(p -> checkPort(p, "tcpPort"));
  }

  /** An endpoint without a TCP port (a datagram source). */
  public Ipv4UdpEndpoint(int address, int udpPort) {
    this(address, udpPort, OptionalInt.empty());
  }

  /** An endpoint with a TCP port (a contact as Kad carries it). */
  public Ipv4UdpEndpoint(int address, int udpPort, int tcpPort) {
    this(address, udpPort, OptionalInt.of(tcpPort));
  }

  /** From dotted-quad text, e.g. {@code of("198.51.100.1", 4672)}. No name resolution. */
  public static Ipv4UdpEndpoint of(String dotted, int udpPort) {
    return new Ipv4UdpEndpoint(parse(dotted), udpPort);
  }

  public static Ipv4UdpEndpoint of(String dotted, int udpPort, int tcpPort) {
    return new Ipv4UdpEndpoint(parse(dotted), udpPort, tcpPort);
  }

  /** The source of a received datagram; fails for anything but an IPv4 socket address. */
  public static Ipv4UdpEndpoint fromSocketAddress(InetSocketAddress a) {
    if (!(a.getAddress() instanceof Inet4Address v4)) {
      throw new IllegalArgumentException("not an IPv4 socket address: " + a);
    }
    byte[] b = v4.getAddress();
    return new Ipv4UdpEndpoint(
        (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF), a.getPort());
  }

  public InetSocketAddress toSocketAddress() {
    byte[] b = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    try {
      return new InetSocketAddress(InetAddress.getByAddress(b), udpPort);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // 4 bytes are always a valid address
    }
  }

  /** The same address and ports, with the TCP port set. */
  public Ipv4UdpEndpoint withTcpPort(int port) {
    return new Ipv4UdpEndpoint(address, udpPort, port);
  }

  /** The same address and TCP port, with another UDP port (e.g. from a HELLO's SOURCEUPORT tag). */
  public Ipv4UdpEndpoint withUdpPort(int port) {
    return new Ipv4UdpEndpoint(address, port, tcpPort);
  }

  @Override
  public AddressFamily family() {
    return AddressFamily.IPV4;
  }

  @Override
  public AddressKey addressKey() {
    return new AddressKey(AddressFamily.IPV4, Integer.toUnsignedLong(address));
  }

  @Override
  public Optional<SubnetKey> subnetKey() {
    return Optional.of(new SubnetKey(AddressFamily.IPV4, SUBNET_PREFIX, Integer.toUnsignedLong(address) >>> 8));
  }

  /** The /24 network address as an int (the low octet cleared). */
  public int prefix24() {
    return address & 0xFFFFFF00;
  }

  /**
   * aMule hashes the address as the socket layer holds it (network byte order), written
   * little-endian, so the MD5 input starts with the dotted-quad octets in order.
   */
  @Override
  public int verifyKeyInput() {
    return Integer.reverseBytes(address);
  }

  /** The address in dotted-quad form. */
  public String dotted() {
    return dotted(address);
  }

  static String dotted(int a) {
    return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
  }

  /** Parses a dotted quad without any name lookup. */
  public static int parse(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a dotted IPv4 address: " + dotted);
    }
    int a = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not a dotted IPv4 address: " + dotted);
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        throw new IllegalArgumentException("not a dotted IPv4 address: " + dotted);
      }
      a = a << 8 | octet;
    }
    return a;
  }

  private static void checkPort(int p, String what) {
    if (p < 0 || p > 0xFFFF) {
      throw new IllegalArgumentException(what + " must fit in u16: " + p);
    }
  }

  @Override
  public String toString() {
    return dotted() + ":" + udpPort + (tcpPort.isPresent() ? " (tcp " + tcpPort.getAsInt() + ")" : "");
  }
}
