package io.dialtone.launcher;

import io.dialtone.api.launch.LaunchProperties;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.launch.Framework;

/**
 * A running Dialtone: binds the client socket first (so the port accepts within milliseconds of exec, as
 * nats-server's does), then boots Felix from the distribution's {@code bundle/} folder with a kept bundle cache,
 * hands the bound socket to the transport bundle as a service, and logs {@code Server is ready} once the transport
 * has adopted it.
 */
final class Server {

    static final PrintStream ORIGINAL_ERR = System.err;

    private static final String LISTENER_FILTER = "(&(" + Constants.OBJECTCLASS
            + "=io.dialtone.api.runtime.ListenerRuntime)(" + LaunchProperties.LISTENER_NAME + "="
            + LaunchProperties.LISTENER_CLIENT + "))";
    private static final int DEFAULT_PORT = 4222;
    private static final long READY_TIMEOUT_SECONDS = 120;

    private final Flags flags;
    private final Main.Version version;
    private final Path home;
    private final CountDownLatch ready = new CountDownLatch(1);
    /** Framework properties from the file and the flags: the client listener's TLS, the cluster flags (ConfigFile). */
    private final Map<String, String> launch;
    private volatile Framework framework;
    private volatile Path portsFile;
    private volatile Path tempCache;
    private ControlChannel control;
    private FileLock cacheLock;
    private boolean stopping;

    Server(Flags flags, Main.Version version, Map<String, String> launch) {
        this.flags = flags;
        this.launch = launch;
        this.version = version;
        this.home = Path.of(System.getProperty("dialtone.home", ".")).toAbsolutePath().normalize();
    }

    int run() {
        Signals.install(this); // before anything else: a SIGUSR2 without a handler aborts the JVM
        String host = flags.string("addr", "0.0.0.0");
        int port = flags.integer("port", 0);
        if (port < -1 || port > 65535) {
            // nats-server: -1 is any free port; anything else out of range fails to listen
            configureLogQuietly();
            Log.fatal("Error listening on port: " + host + ":" + port + ", \"listen tcp: address " + port
                    + ": invalid port\"", null);
            return 1;
        }
        port = port == 0 ? DEFAULT_PORT : port < 0 ? 0 : port;
        ServerSocketChannel client;
        try {
            // First thing: the port accepts from here on; early clients wait in the backlog for their INFO.
            client = ServerSocketChannel.open();
            client.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            client.bind(new InetSocketAddress(host, port), 1024);
        } catch (IOException e) {
            configureLogQuietly();
            Log.fatal("Error listening on port: " + host + ":" + port + ", \"" + e.getMessage() + "\"", null);
            return 1;
        }
        try {
            Log.configure(flags);
        } catch (IOException e) {
            ORIGINAL_ERR.println("dialtone: cannot open log file: " + e.getMessage());
            return 1;
        }
        // Only the launcher's own answers (--help, --version) go to stdout; a running server logs to stderr or -l.
        System.setOut(System.err);
        Log.info("Starting nats-server");
        Log.info("  Version:  " + version.nats());
        Log.info("  Dialtone: " + version.dialtone() + " (Java " + Runtime.version() + ", Apache Felix)");
        Log.info("  Git:      [not set]");
        String monitorProblem = monitorPortProblem(host, flags.integer("http_port", 0));
        if (monitorProblem != null) {
            Log.fatal("Can't start monitoring: can't listen to the monitor port: " + monitorProblem, null);
            closeQuietly(client);
            return 1;
        }
        try {
            writePidFile();
            control = ControlChannel.open(this);
            boot(client);
        } catch (Exception e) {
            Log.fatal("Failed to start: " + e, e);
            shutdown(1);
            return 1;
        }
        try {
            if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                Log.fatal("The client listener did not come up within " + READY_TIMEOUT_SECONDS + "s", null);
                shutdown(1);
                return 1;
            }
            framework.waitForStop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdown(0);
        return 0;
    }

    /**
     * Why the monitoring port cannot be bound, or null: nats-server stops with exit 1 when it cannot listen there, so
     * the launcher tries before the framework boots (the HTTP server binds it later, off this thread).
     */
    static String monitorPortProblem(String host, int httpPort) {
        if (httpPort <= 0) {
            return null;
        }
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(new InetSocketAddress(host, httpPort));
            return null;
        } catch (IOException e) {
            String why = e.getMessage() != null && e.getMessage().contains("in use") ? "address already in use"
                    : String.valueOf(e.getMessage());
            return "listen tcp " + host + ":" + httpPort + ": bind: " + why;
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // exiting anyway
        }
    }

    private void configureLogQuietly() {
        try {
            Log.configure(flags);
        } catch (IOException ignored) {
            // fall back to stderr
        }
    }

    private void boot(ServerSocketChannel client) throws Exception {
        Map<String, Object> config = new HashMap<>();
        Properties fw = new Properties();
        Path fwFile = home.resolve("conf/framework.properties");
        if (Files.isRegularFile(fwFile)) {
            try (InputStream in = Files.newInputStream(fwFile)) {
                fw.load(in);
            }
        }
        fw.forEach((k, v) -> config.put((String) k, ((String) v).replace("${dialtone.home}", home.toString())));
        config.put(Constants.FRAMEWORK_STORAGE, cacheDir().toString());
        config.put("felix.log.logger", new FelixLog());
        config.put("felix.log.level", Log.debug() ? "4" : "1");
        config.put("felix.fileinstall.log.level", Log.debug() ? "4" : "2");
        config.put("ds.loglevel", Log.debug() ? "debug" : "error");
        config.put(LaunchProperties.DIALTONE_VERSION, version.dialtone());
        config.put(LaunchProperties.NATS_VERSION, version.nats());
        config.put(LaunchProperties.HOST, flags.string("addr", "0.0.0.0"));
        config.put(LaunchProperties.PORT, Integer.toString(((InetSocketAddress) client.getLocalAddress()).getPort()));
        if (flags.has("name")) {
            config.put(LaunchProperties.SERVER_NAME, flags.string("name", ""));
        }
        if (flags.has("config")) {
            config.put(LaunchProperties.CONFIG_FILE, flags.string("config", ""));
        }
        config.putAll(launch);
        putIfGiven(config, "user", LaunchProperties.AUTH_USER);
        putIfGiven(config, "pass", LaunchProperties.AUTH_PASS);
        putIfGiven(config, "auth", LaunchProperties.AUTH_TOKEN);
        if (flags.has("http_port")) {
            config.put(LaunchProperties.HTTP_PORT, Integer.toString(flags.integer("http_port", 0)));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework f = new FrameworkFactory().newFramework((Map) config);
        framework = f;
        f.init();
        BundleContext ctx = f.getBundleContext();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(LaunchProperties.LISTENER_NAME, LaunchProperties.LISTENER_CLIENT);
        ctx.registerService(ServerSocketChannel.class.getName(), client, props);
        ctx.addServiceListener(this::listenerChanged, LISTENER_FILTER);
        installBundles(ctx);
        f.start();
    }

    private void putIfGiven(Map<String, Object> config, String flag, String property) {
        if (flags.has(flag)) {
            config.put(property, flags.string(flag, ""));
        }
    }

    private void listenerChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED && ready.getCount() > 0) {
            Object host = event.getServiceReference().getProperty(LaunchProperties.LISTENER_HOST);
            Object port = event.getServiceReference().getProperty(LaunchProperties.LISTENER_PORT);
            writePortsFile(host, port);
            Log.info("Server is ready");
            ready.countDown();
        }
    }

    /** Installs what is in {@code bundle/} (updating changed jars, removing vanished ones) and marks it started. */
    private void installBundles(BundleContext ctx) throws IOException, BundleException {
        Path dir = home.resolve("bundle");
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".jar")).sorted(Comparator.naturalOrder()).forEach(jars::add);
        }
        List<String> locations = new ArrayList<>();
        List<Bundle> toStart = new ArrayList<>();
        for (Path jar : jars) {
            String location = jar.toUri().toString();
            locations.add(location);
            Bundle b = ctx.getBundle(location);
            if (b == null) {
                b = ctx.installBundle(location);
            } else if (Files.getLastModifiedTime(jar).toMillis() > b.getLastModified()) {
                b.update();
            }
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                toStart.add(b);
            }
        }
        String prefix = dir.toUri().toString();
        for (Bundle b : ctx.getBundles()) {
            if (b.getLocation().startsWith(prefix) && !locations.contains(b.getLocation())) {
                b.uninstall();
            }
        }
        for (Bundle b : toStart) {
            b.start(Bundle.START_ACTIVATION_POLICY);
        }
    }

    /**
     * The kept bundle cache makes restarts quick. Only one running server may use it: a second server started from
     * the same folder (tests, benchmarks) gets a private, throw-away cache.
     */
    private Path cacheDir() throws IOException {
        Path cache = home.resolve("cache");
        Files.createDirectories(cache);
        FileChannel ch = FileChannel.open(home.resolve("cache/.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        cacheLock = ch.tryLock();
        if (cacheLock != null) {
            return cache.resolve("felix");
        }
        ch.close();
        tempCache = Files.createTempDirectory("dialtone-cache");
        return tempCache;
    }

    private void writePidFile() throws IOException {
        if (flags.has("pid")) {
            Files.writeString(Path.of(flags.string("pid", "")), Long.toString(ProcessHandle.current().pid()));
        }
    }

    private void writePortsFile(Object host, Object port) {
        if (!flags.has("ports_file_dir")) {
            return;
        }
        String h = "0.0.0.0".equals(host) || "::".equals(host) || "0:0:0:0:0:0:0:0".equals(host) ? "127.0.0.1"
                : String.valueOf(host);
        StringBuilder json = new StringBuilder("{\"client\":[\"nats://").append(h).append(':').append(port)
                .append("\"]");
        if (flags.integer("http_port", 0) != 0) {
            json.append(",\"monitoring\":[\"http://").append(h).append(':').append(flags.integer("http_port", 0))
                    .append("\"]");
        }
        json.append("}");
        Path file = Path.of(flags.string("ports_file_dir", "."), "dialtone_" + ProcessHandle.current().pid() + ".ports");
        try {
            Files.writeString(file, json, StandardCharsets.UTF_8);
            portsFile = file;
        } catch (IOException e) {
            Log.error("Error writing ports file " + file + ": " + e.getMessage(), null);
        }
    }

    /** Graceful stop: listeners close, the framework stops, files are removed. Then the process exits. */
    void shutdown(int exitCode) {
        synchronized (this) {
            while (stopping) {
                // another thread is stopping the server and will end the process
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            stopping = true;
        }
        Log.info("Initiating Shutdown...");
        if (control != null) {
            control.close();
        }
        Framework f = framework;
        if (f != null) {
            try {
                f.stop();
                f.waitForStop(15_000);
            } catch (BundleException | InterruptedException e) {
                Log.error("Error stopping the framework: " + e, e);
            }
        }
        deleteQuietly(portsFile);
        if (tempCache != null) {
            deleteTree(tempCache.toFile());
        }
        Log.info("Server Exiting..");
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }

    /**
     * {@code -sl ldm}: runs the bundles' lame-duck commands (plain {@code Runnable} services tagged
     * {@code dialtone.command=ldm}, highest ranking first: the listener stops accepting, then the kernel lets its
     * clients go), then shuts down.
     */
    void lameDuck() {
        new Thread(() -> {
            Framework f = framework;
            if (f != null) {
                try {
                    runCommand(f.getBundleContext(), LaunchProperties.COMMAND_LAME_DUCK);
                } catch (RuntimeException e) {
                    Log.error("Lame duck mode failed: " + e, e);
                }
            }
            shutdown(0);
        }, "dialtone-ldm").start();
    }

    /** Runs the Runnable services tagged with {@code command}, highest ranking first; false when there is none. */
    private static boolean runCommand(BundleContext ctx, String command) {
        ServiceReference<?>[] refs;
        try {
            refs = ctx.getServiceReferences(Runnable.class.getName(), "(" + LaunchProperties.COMMAND + "=" + command + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (refs == null) {
            return false;
        }
        Arrays.sort(refs, Collections.reverseOrder());
        for (ServiceReference<?> ref : refs) {
            Object service = ctx.getService(ref);
            if (service instanceof Runnable) {
                try {
                    ((Runnable) service).run();
                } finally {
                    ctx.ungetService(ref);
                }
            }
        }
        return true;
    }

    /** {@code -sl reload}, SIGHUP: io.dialtone.config reads the file again and applies what changed. */
    void reload() {
        Framework f = framework;
        if (f == null || !runCommand(f.getBundleContext(), LaunchProperties.COMMAND_RELOAD)) {
            Log.error("Failed to reload server configuration: no configuration file was given (-c)", null);
        }
    }

    /** {@code -sl reopen}, SIGUSR1. */
    void reopenLog() {
        try {
            Log.reopen();
            Log.info("File log re-opened");
        } catch (IOException e) {
            Log.error("Error re-opening log file: " + e.getMessage(), null);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static void deleteTree(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteTree(c);
            }
        }
        f.delete();
    }
}
