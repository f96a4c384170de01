package graphcrm.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts an embedded Neo4j Community DBMS with only the Bolt connector, on loopback and auth
 * off, and prints {@code bolt://HOST:PORT} on stdout once it accepts connections.
 *
 * <p>Usage: {@code Launcher [--stop-on-stdin-eof] DATA_DIR [PORT] [PAGE_CACHE_MB]}; PORT 0 (the
 * default) picks a free port. It stops cleanly, so the store is consistent on disk, on SIGTERM or
 * SIGINT (a shutdown hook) and, with {@code --stop-on-stdin-eof}, when its stdin closes (the
 * parent that started it has gone, so no server outlives a test session).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] argv) throws Exception {
    boolean watchStdin = argv.length > 0 && argv[0].equals("--stop-on-stdin-eof");
    String[] args = watchStdin ? java.util.Arrays.copyOfRange(argv, 1, argv.length) : argv;
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: Launcher [--stop-on-stdin-eof] DATA_DIR [PORT] [PAGE_CACHE_MB]");
      System.exit(2);
    }
    Path home = Path.of(args[0]).toAbsolutePath();
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    long pageCacheMb = args.length > 2 ? Long.parseLong(args[2]) : 128;
    if (port == 0) {
      port = freePort();
    }
    String host = "127.0.0.1";

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  dbms.shutdown();
                  stopped.countDown();
                },
                "neo4j-shutdown"));

    // The default database is ready once build() returns; say where Bolt listens.
    System.out.println("bolt://" + host + ":" + port);
    System.out.flush();

    // Stop when the parent closes our stdin (or dies): the shutdown hook shuts down cleanly.
    Thread stdinWatch =
        new Thread(
            () -> {
              try {
                InputStream in = System.in;
                while (in.read() != -1) {
                  // Ignore input; only its end matters.
                }
              } catch (IOException ignored) {
                // A broken stdin is an end too.
              }
              System.exit(0);
            },
            "stdin-watch");
    stdinWatch.setDaemon(true);
    if (watchStdin) {
      stdinWatch.start();
    }
    stopped.await();
  }

  /** A port no one listens on now (the OS picks it; Neo4j binds it a moment later). */
  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
