package io.ringfence.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.ringfence.Engine;

import java.net.InetSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code ringfence serve}: one engine behind two doors, ISO 8583 over TCP for acquirer links and HTTP/JSON for
 * gateways, in one process.
 *
 * <p>Threads: one I/O thread, {@code ringfence-io}, runs both doors (Netty, epoll on Linux, NIO elsewhere): it
 * decodes requests, submits them through one {@link EngineDoor} and writes the answers, polling the engine between
 * network events ({@link EnginePollingStrategy}); the engine thread decides. Two busy threads at most, one per core of
 * a two-core machine. Calls that wait for the engine (fraud reports, flag clears) run on {@code ringfence-admin}.
 *
 * <p>Start-up: the HTTP door opens first, so {@code /health/ready} can say "not ready" while the engine recovers;
 * the ISO 8583 door opens once the engine is up. {@link #drainAndClose()} is what SIGTERM does.
 */
public final class RingfenceServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RingfenceServer.class.getName());

    private final ServerConfig config;
    private final ServerContext context;
    private final AdminCalls admin = new AdminCalls();
    private final EventLoopGroup io;
    private final EnginePollingStrategy polling;
    private final boolean epoll;
    private Channel httpListener;
    private Channel isoListener;

    private RingfenceServer(final ServerConfig config) {
        this.config = config;
        this.polling = new EnginePollingStrategy(config.ioSpin().toNanos());
        this.epoll = Epoll.isAvailable();
        final IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory(0, () -> polling)
            : NioIoHandler.newFactory(SelectorProvider.provider(), () -> polling);
        this.io = new MultiThreadIoEventLoopGroup(1, (ThreadFactory)runnable -> new FastThreadLocalThread(runnable, "ringfence-io"),
            handlers);
        final ChannelGroup connections = new DefaultChannelGroup("ringfence-connections", io.next());
        this.context = new ServerContext(config, admin, connections);
    }

    /**
     * Opens the HTTP door, starts the engine with {@code engineStarter} (recovery, model, rules), then takes requests
     * on both doors. The doors come as factories so this package knows no protocol: the protocols know it.
     *
     * @param isoDoor  makes the ISO 8583 door (the server's {@code Iso8583Door::new})
     * @param httpDoor makes the HTTP door (the server's {@code HttpDoor::new})
     * @throws IllegalStateException when a port cannot be bound or the engine does not start; whatever was started
     *     is stopped again
     */
    public static RingfenceServer start(final ServerConfig config, final Supplier<Engine> engineStarter,
        final Function<ServerContext, Door> isoDoor, final Function<ServerContext, Door> httpDoor) {
        final RingfenceServer server = new RingfenceServer(config);
        try {
            server.open(engineStarter, isoDoor, httpDoor);
            return server;
        } catch (final RuntimeException | Error e) {
            // An engine that cannot start (no memory for its stores, say) must not leave the I/O thread serving.
            server.close();
            throw e;
        }
    }

    private void open(final Supplier<Engine> engineStarter, final Function<ServerContext, Door> isoDoor,
        final Function<ServerContext, Door> httpDoor) {
        final SslContext httpTls = TlsContexts.forServer(config.httpTls(), "HTTP");
        final SslContext isoTls = TlsContexts.forServer(config.isoTls(), "ISO 8583");
        if (config.httpPort() != ServerConfig.DISABLED) {
            httpListener = bind(config.httpPort(), httpDoor.apply(context), httpTls, context.httpStats());
        }
        final Engine engine = engineStarter.get();
        final EngineDoor door = new EngineDoor(engine.newClient(config.maxInFlight()), config.maxInFlight());
        polling.attach(door);
        context.started(engine, door);
        if (httpListener != null) {
            LOG.log(System.Logger.Level.INFO, "Ringfence HTTP door ready on " + describe(httpListener, httpTls)
                + (config.insecureNoAuth() ? ", WITHOUT authentication" : ""));
        }
        if (config.isoPort() != ServerConfig.DISABLED) {
            isoListener = bind(config.isoPort(), isoDoor.apply(context), isoTls, context.isoStats());
            LOG.log(System.Logger.Level.INFO, "Ringfence ISO 8583 door ready on " + describe(isoListener, isoTls)
                + ", " + config.isoWireFormat() + " wire format");
        }
    }

    private Channel bind(final int port, final Door door, final SslContext tls, final DoorStats stats) {
        final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
            : NioServerSocketChannel.class;
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(io)
            .channel(channelType)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel channel) {
                    if (context.state() == ServerState.DRAINING || context.state() == ServerState.STOPPED) {
                        channel.close();
                        return;
                    }
                    stats.connectionOpened();
                    context.connections().add(channel);
                    channel.closeFuture().addListener((ChannelFutureListener)closed -> stats.connectionClosed());
                    if (tls != null) {
                        channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                    }
                    door.initChannel(channel);
                }
            });
        try {
            return bootstrap.bind(new InetSocketAddress(config.bind(), port)).sync().channel();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the " + door.name() + " door", e);
        } catch (final RuntimeException e) {
            throw new IllegalStateException("cannot open the " + door.name() + " door on "
                + config.bind().getHostAddress() + ':' + port + ": " + e.getMessage(), e);
        }
    }

    private static String describe(final Channel listener, final SslContext tls) {
        final InetSocketAddress address = (InetSocketAddress)listener.localAddress();
        return address.getAddress().getHostAddress() + ':' + address.getPort()
            + (tls == null ? " (plain text)" : " (TLS)");
    }

    /** The HTTP door's bound port, or {@link ServerConfig#DISABLED}. */
    public int httpPort() {
        return port(httpListener);
    }

    /** The ISO 8583 door's bound port, or {@link ServerConfig#DISABLED}. */
    public int isoPort() {
        return port(isoListener);
    }

    private static int port(final Channel listener) {
        return listener == null ? ServerConfig.DISABLED : ((InetSocketAddress)listener.localAddress()).getPort();
    }

    public ServerState state() {
        return context.state();
    }

    /** What the doors share; for tests that need to hold the admin thread or read the door counters. */
    ServerContext context() {
        return context;
    }

    /** The engine behind the doors. */
    public Engine engine() {
        return context.engine();
    }

    /**
     * What SIGTERM does: reports not ready, stops accepting connections, lets outstanding requests finish within
     * the drain grace period, then closes the connections and the engine (journal closed cleanly).
     *
     * @return whether everything outstanding finished within the grace period
     */
    public boolean drainAndClose() {
        if (context.state() == ServerState.STOPPED) {
            return true;
        }
        context.state(ServerState.DRAINING);
        closeListeners();
        final long deadline = System.nanoTime() + config.drainGrace().toNanos();
        boolean drained = false;
        while (!drained && System.nanoTime() - deadline < 0) {
            drained = outstanding() == 0;
            if (!drained) {
                sleepBriefly();
            }
        }
        if (!drained) {
            LOG.log(System.Logger.Level.WARNING, "Ringfence server: " + outstanding()
                + " requests still outstanding after the drain grace period of " + config.drainGrace());
        }
        close();
        return drained;
    }

    private int outstanding() {
        final EngineDoor door = context.engineDoor();
        int inEngine = 0;
        if (door != null) {
            try {
                inEngine = io.submit(door::inFlight).get();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final ExecutionException e) {
                inEngine = 0;
            }
        }
        return inEngine + admin.outstanding();
    }

    private static void sleepBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(5);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeListeners() {
        if (httpListener != null) {
            httpListener.close().awaitUninterruptibly();
        }
        if (isoListener != null) {
            isoListener.close().awaitUninterruptibly();
        }
    }

    /** Closes at once: connections, doors, the engine; outstanding requests are not waited for. */
    @Override
    public void close() {
        if (context.state() == ServerState.STOPPED) {
            return;
        }
        if (context.state() != ServerState.DRAINING) {
            context.state(ServerState.DRAINING);
        }
        closeListeners();
        context.connections().close().awaitUninterruptibly();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        admin.close();
        final Engine engine = context.engine();
        if (engine != null) {
            engine.close();
        }
        context.state(ServerState.STOPPED);
        LOG.log(System.Logger.Level.INFO, "Ringfence server stopped");
    }
}
