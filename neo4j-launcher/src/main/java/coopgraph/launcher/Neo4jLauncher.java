package coopgraph.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community embedded with Bolt on loopback, for local development and tests
 * (no Docker, no Neo4j tarball needed). Driven by neo4j.sh; see its header for usage.
 *
 * <p>Contract with callers: stdout carries exactly one line, "coopgraph-neo4j ready bolt://...",
 * once Bolt accepts TCP connections; Neo4j's own logs go to DATA/logs.
 */
public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";
    /** The Bolt port asked for, for the startup error. */
    private static int port = 7687;

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // Neo4j's non-daemon threads would keep a half-started JVM alive; exit explicitly.
            t.printStackTrace();
            // One line a user can act on, naming the setting to change; it goes last, and
            // neo4j.sh shows it instead of the stack trace.
            fail(reason(t));
        }
    }

    private static void run(String[] args) throws Exception {
        Path home = null;
        Path readyFile = null;
        String pagecache = "256m";
        String password = System.getenv("NEO4J_PASSWORD");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--data")) home = Path.of(arg(args, ++i, a));
            else if (a.equals("--port")) port = Integer.parseInt(arg(args, ++i, a));
            else if (a.equals("--password")) password = arg(args, ++i, a);
            else if (a.equals("--pagecache")) pagecache = arg(args, ++i, a);
            else if (a.equals("--ready-file")) readyFile = Path.of(arg(args, ++i, a));
            else fail("unknown argument " + a);
        }
        if (home == null) fail("--data DIR is required");
        if (password != null && password.isEmpty()) password = null;
        home = home.toAbsolutePath();
        Files.createDirectories(home);

        // Transaction memory is capped relative to the heap the caller chose (-Xmx): 70% in total
        // (Neo4j's own default, made explicit) and 40% per transaction (default: unlimited), so one
        // runaway query fails with a memory-limit error instead of taking the JVM down with an OOM.
        long heap = Runtime.getRuntime().maxMemory();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(Map.of(
                        // Embedded Neo4j has Bolt off; plain bolt:// (no TLS) because it only listens on loopback.
                        BoltConnector.enabled, true,
                        BoltConnector.listen_address, new SocketAddress(HOST, port),
                        BoltConnector.advertised_address, new SocketAddress(HOST, port),
                        BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED,
                        HttpConnector.enabled, false,
                        HttpsConnector.enabled, false,
                        GraphDatabaseSettings.auth_enabled, password != null,
                        // Named dbms.usage_report.enabled; its constant kept the old "udc" name.
                        GraphDatabaseSettings.udc_enabled, false,
                        GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache)))
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, heap * 7 / 10)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, heap * 4 / 10)
                // Internal setting: Netty's default 5 s quiet period, paid once per event-loop group,
                // made every stop take ~10 s after the stores were already checkpointed and closed.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
        // Registered right after build() so that a SIGTERM at any later point still flushes and
        // closes the store cleanly (no recovery needed on the next start).
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        if (password != null) setPassword(dbms, password);

        // With --port 0 the OS picks the port; Neo4j records the bound one in this register.
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int boundPort = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        awaitTcp(boundPort);

        String uri = "bolt://" + HOST + ":" + boundPort;
        if (readyFile != null) {
            // Write-then-rename: pollers of the ready file never see a half-written URI.
            Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.println("coopgraph-neo4j ready " + uri);
        System.out.flush();
        // main returns; Neo4j's non-daemon threads keep the JVM alive until a signal runs the hook.
    }

    /**
     * A fresh store has neo4j/neo4j with "change required", which drivers cannot use for queries.
     * Setting it on every start keeps restarts (and a changed --password) working; Neo4j refuses
     * to "change" a password to its current value, which just means it is already set.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    /** build() returning is not a promise that the Bolt socket accepts yet; check like a client would. */
    private static void awaitTcp(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) fail("Bolt did not accept connections on port " + port);
                Thread.sleep(100);
            }
        }
    }

    /** The one-line reason for a failed start: the root cause, with the setting to change. */
    static String reason(Throwable t) {
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BindException || String.valueOf(c.getMessage()).contains("Address already in use")) {
                return "port " + port + " is in use (another Neo4j?): set NEO4J_PORT to a free port, e.g. NEO4J_PORT=7688 make run";
            }
            root = c;
        }
        String msg = String.valueOf(root.getMessage());
        if (msg.contains("password") && msg.contains("characters")) {
            return "the password is refused (" + msg + "): set NEO4J_PASSWORD";
        }
        return "startup failed: " + msg + (root == t ? "" : " (" + t + ")");
    }

    private static String arg(String[] args, int i, String flag) {
        if (i >= args.length) fail(flag + " needs a value");
        return args[i];
    }

    private static void fail(String msg) {
        System.err.println("neo4j-launcher: " + msg);
        System.exit(2);
    }
}
