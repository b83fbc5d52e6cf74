package io.pekkomule.node.transport.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.i2p.I2PAppContext;
import net.i2p.crypto.CertUtil;
import net.i2p.crypto.SU3File;
import net.i2p.crypto.SelfSignedGenerator;
import net.i2p.crypto.SigType;

/**
 * A reseed server of our own on loopback (tests): serves {@code /i2pseeds.su3}, a reseed bundle
 * (zip of {@code routerInfo-<hash>.dat}) signed as Java I2P reseed servers sign theirs (SU3,
 * content type reseed, version = seconds since the epoch) with a throw-away key whose
 * certificate is put where the router looks for reseed signers: {@code
 * <router-dir>/certificates/reseed/<signer, @ as _at_>.crt}.
 */
final class LocalReseed implements AutoCloseable {
  static final String SIGNER = "reseed@pekko-mule.test";

  private final HttpServer server;
  final AtomicInteger requests = new AtomicInteger();

  /** A signed bundle: the SU3 file and the signer's certificate. */
  record Bundle(Path su3, Path certificate) {}

  /**
   * Builds {@code workDir/i2pseeds.su3} from {@code routerInfos} (RouterInfo files) and the
   * signer's certificate next to it. Uses the JVM's I2P context: run it where a router runs
   * (after a router stopped, that context is dead).
   */
  static Bundle build(Path workDir, List<Path> routerInfos) throws Exception {
    Files.createDirectories(workDir);
    Path zip = workDir.resolve("seeds.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (Path ri : routerInfos) {
        String hash = EmbeddedRouter.seedNetDb(workDir.resolve("check"), ri); // validates
        z.putNextEntry(new ZipEntry("routerInfo-" + hash + ".dat"));
        z.write(Files.readAllBytes(ri));
        z.closeEntry();
      }
    }
    Object[] keys = SelfSignedGenerator.generate(SIGNER, "test", "pekko-mule", "l", "st", "XX",
        30, SigType.RSA_SHA256_2048);
    PrivateKey priv = null;
    X509Certificate cert = null;
    for (Object o : keys) {
      if (o instanceof PrivateKey p) {
        priv = p;
      } else if (o instanceof X509Certificate x) {
        cert = x;
      }
    }
    Path su3 = workDir.resolve("i2pseeds.su3");
    new SU3File(I2PAppContext.getGlobalContext(), su3.toFile()).write(zip.toFile(),
        SU3File.TYPE_ZIP, SU3File.CONTENT_RESEED, Long.toString(System.currentTimeMillis() / 1000),
        SIGNER, priv, SigType.RSA_SHA256_2048);
    Path crt = workDir.resolve(SIGNER.replace("@", "_at_") + ".crt");
    if (!CertUtil.saveCert(cert, crt.toFile())) {
      throw new IOException("cannot write " + crt);
    }
    return new Bundle(su3, crt);
  }

  /** Serves {@code bundle}'s SU3 as {@code /i2pseeds.su3} on loopback. */
  LocalReseed(Bundle bundle) throws IOException {
    byte[] body = Files.readAllBytes(bundle.su3());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      boolean ok = ex.getRequestURI().getPath().equals("/i2pseeds.su3");
      ex.sendResponseHeaders(ok ? 200 : 404, ok ? body.length : -1);
      if (ok) {
        try (OutputStream o = ex.getResponseBody()) {
          o.write(body);
        }
      }
      ex.close();
    });
    server.start();
  }

  /** The reseed URL to give the router ({@code i2p.reseedURL}). */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** Makes {@code routerDir}'s router trust the bundle's signer. */
  static void trust(Path routerDir, Bundle bundle) throws IOException {
    Path d = routerDir.resolve("certificates").resolve("reseed");
    Files.createDirectories(d);
    Files.copy(bundle.certificate(), d.resolve(bundle.certificate().getFileName()));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
