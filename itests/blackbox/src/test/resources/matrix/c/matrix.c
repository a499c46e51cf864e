/*
 * Client-matrix smoke for libnats (the NATS C client): run as `matrix-c nats://host:port`. Prints one line per step
 * ("ok <step>: ..." or "FAIL <step>: ...") and exits 0 only when every step passes. A watchdog (SIGALRM) ends it
 * (exit 3) after 10 s, so it never hangs. Built by ClientMatrixTest with: gcc -o matrix-c matrix.c -lnats
 */
#include <nats/nats.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WAIT_MS 2000
#define QUEUE_N 20

static void fail(const char *step, const char *fmt, ...)
{
    va_list ap;
    printf("FAIL %s: ", step);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    exit(1);
}

static void ok(const char *step, const char *fmt, ...)
{
    va_list ap;
    printf("ok %s: ", step);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

/* Fails the step unless s is NATS_OK. */
static void check(const char *step, const char *what, natsStatus s)
{
    if (s != NATS_OK)
        fail(step, "%s: %s (%s)", what, natsStatus_GetText(s), nats_GetLastError(NULL));
}

static void watchdog(int sig)
{
    static const char msg[] = "FAIL watchdog: not finished within 10s\n";
    (void) sig;
    (void) write(STDOUT_FILENO, msg, sizeof(msg) - 1);
    _exit(3);
}

static double nowMs(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* Reads from sub until the sentinel subject arrives; writes the subjects seen (comma separated) into out. */
static void subjects(const char *step, natsSubscription *sub, const char *sentinel, char *out, size_t size)
{
    out[0] = '\0';
    for (;;)
    {
        natsMsg *m = NULL;
        natsStatus s = natsSubscription_NextMsg(&m, sub, WAIT_MS);
        if (s != NATS_OK)
            fail(step, "%s: after [%s]: %s", natsSubscription_GetSubject(sub), out, natsStatus_GetText(s));
        if (out[0] != '\0')
            strncat(out, ",", size - strlen(out) - 1);
        strncat(out, natsMsg_GetSubject(m), size - strlen(out) - 1);
        int done = strcmp(natsMsg_GetSubject(m), sentinel) == 0;
        natsMsg_Destroy(m);
        if (done)
            return;
    }
}

static void respond(natsConnection *nc, natsSubscription *sub, natsMsg *msg, void *closure)
{
    char buf[256];
    (void) sub;
    (void) closure;
    snprintf(buf, sizeof(buf), "re:%.*s", natsMsg_GetDataLength(msg), natsMsg_GetData(msg));
    if (natsMsg_GetReply(msg) != NULL)
        natsConnection_PublishString(nc, natsMsg_GetReply(msg), buf);
    natsMsg_Destroy(msg);
}

static natsConnection *connectTo(const char *step, const char *url, const char *name)
{
    natsOptions *opts = NULL;
    natsConnection *nc = NULL;
    check(step, "options", natsOptions_Create(&opts));
    check(step, "url", natsOptions_SetURL(opts, url));
    check(step, "timeout", natsOptions_SetTimeout(opts, WAIT_MS));
    check(step, "reconnect", natsOptions_SetAllowReconnect(opts, false));
    check(step, "name", natsOptions_SetName(opts, name));
    check(step, "connect", natsConnection_Connect(&nc, opts));
    natsOptions_Destroy(opts);
    return nc;
}

int main(int argc, char **argv)
{
    if (argc != 2)
    {
        printf("usage: matrix-c nats://host:port\n");
        return 2;
    }
    const char *url = argv[1];
    signal(SIGALRM, watchdog);
    alarm(10);
    printf("client libnats %s\n", nats_GetVersion());
    fflush(stdout);

    /* connect */
    natsConnection *nc = connectTo("connect", url, "matrix-c");
    char connected[256], serverId[256];
    check("connect", "url", natsConnection_GetConnectedUrl(nc, connected, sizeof(connected)));
    check("connect", "server id", natsConnection_GetConnectedServerId(nc, serverId, sizeof(serverId)));
    ok("connect", "%s server %s", connected, serverId);

    /* wildcards: matrix.* matches one token, matrix.> one or more */
    natsSubscription *star = NULL, *full = NULL;
    check("wildcards", "subscribe matrix.*", natsConnection_SubscribeSync(&star, nc, "matrix.*"));
    check("wildcards", "subscribe matrix.>", natsConnection_SubscribeSync(&full, nc, "matrix.>"));
    check("wildcards", "flush", natsConnection_FlushTimeout(nc, WAIT_MS));
    const char *pubs[] = {"matrix.a", "matrix.a.b", "matrix.end"};
    for (int i = 0; i < 3; i++)
        check("wildcards", "publish", natsConnection_PublishString(nc, pubs[i], pubs[i]));
    /* one connection: messages to a subscription arrive in publish order, so the sentinel comes last */
    char gotStar[256], gotFull[256];
    subjects("wildcards", star, "matrix.end", gotStar, sizeof(gotStar));
    subjects("wildcards", full, "matrix.end", gotFull, sizeof(gotFull));
    if (strcmp(gotStar, "matrix.a,matrix.end") != 0)
        fail("wildcards", "matrix.* got %s, want matrix.a,matrix.end", gotStar);
    if (strcmp(gotFull, "matrix.a,matrix.a.b,matrix.end") != 0)
        fail("wildcards", "matrix.> got %s, want matrix.a,matrix.a.b,matrix.end", gotFull);
    check("wildcards", "unsubscribe", natsSubscription_Unsubscribe(star));
    check("wildcards", "unsubscribe", natsSubscription_Unsubscribe(full));
    natsSubscription_Destroy(star);
    natsSubscription_Destroy(full);
    ok("wildcards", "matrix.* got [%s], matrix.> got [%s]", gotStar, gotFull);

    /* queue group: 2 members, 20 messages, each delivered exactly once in total */
    natsSubscription *q[2] = {NULL, NULL};
    for (int i = 0; i < 2; i++)
        check("queue", "subscribe", natsConnection_QueueSubscribeSync(&q[i], nc, "matrix.q", "workers"));
    check("queue", "flush", natsConnection_FlushTimeout(nc, WAIT_MS));
    for (int i = 0; i < QUEUE_N; i++)
    {
        char data[16];
        snprintf(data, sizeof(data), "%d", i);
        check("queue", "publish", natsConnection_PublishString(nc, "matrix.q", data));
    }
    int seen[QUEUE_N] = {0}, counts[2] = {0, 0}, total = 0;
    double deadline = nowMs() + WAIT_MS;
    while (total < QUEUE_N && nowMs() < deadline)
    {
        for (int i = 0; i < 2; i++)
        {
            natsMsg *m = NULL;
            natsStatus s = natsSubscription_NextMsg(&m, q[i], 10);
            if (s == NATS_TIMEOUT)
                continue;
            check("queue", "next", s);
            int v = atoi(natsMsg_GetData(m));
            natsMsg_Destroy(m);
            if (v < 0 || v >= QUEUE_N)
                fail("queue", "unexpected message %d", v);
            if (seen[v]++)
                fail("queue", "message %d delivered twice", v);
            counts[i]++;
            total++;
        }
    }
    if (total != QUEUE_N)
        fail("queue", "received %d of %d messages", total, QUEUE_N);
    check("queue", "flush", natsConnection_FlushTimeout(nc, WAIT_MS)); /* the server has sent all it will */
    for (int i = 0; i < 2; i++)
    {
        int msgs = 0, bytes = 0;
        check("queue", "pending", natsSubscription_GetPending(q[i], &msgs, &bytes));
        if (msgs != 0)
            fail("queue", "%d extra messages after all %d arrived", msgs, QUEUE_N);
        natsSubscription_Unsubscribe(q[i]);
        natsSubscription_Destroy(q[i]);
    }
    ok("queue", "%d messages exactly once (%d + %d)", QUEUE_N, counts[0], counts[1]);

    /* request/reply: a responder on a second connection */
    natsConnection *rc = connectTo("request", url, "matrix-c-responder");
    natsSubscription *responder = NULL;
    check("request", "responder subscribe", natsConnection_Subscribe(&responder, rc, "matrix.rpc", respond, NULL));
    check("request", "responder flush", natsConnection_FlushTimeout(rc, WAIT_MS));
    natsMsg *reply = NULL;
    check("request", "request", natsConnection_RequestString(&reply, nc, "matrix.rpc", "ping", WAIT_MS));
    char replyText[256];
    snprintf(replyText, sizeof(replyText), "%.*s", natsMsg_GetDataLength(reply), natsMsg_GetData(reply));
    natsMsg_Destroy(reply);
    if (strcmp(replyText, "re:ping") != 0)
        fail("request", "reply \"%s\", want \"re:ping\"", replyText);
    natsSubscription_Destroy(responder);
    natsConnection_Close(rc);
    natsConnection_Destroy(rc);
    ok("request", "reply \"%s\"", replyText);

    /* headers round-trip */
    natsSubscription *hs = NULL;
    check("headers", "subscribe", natsConnection_SubscribeSync(&hs, nc, "matrix.h"));
    check("headers", "flush", natsConnection_FlushTimeout(nc, WAIT_MS));
    natsMsg *out = NULL;
    const char *body = "with headers";
    check("headers", "create", natsMsg_Create(&out, "matrix.h", NULL, body, (int) strlen(body)));
    check("headers", "set", natsMsgHeader_Set(out, "X-Matrix", "c"));
    check("headers", "add", natsMsgHeader_Add(out, "X-Multi", "one"));
    check("headers", "add", natsMsgHeader_Add(out, "X-Multi", "two"));
    check("headers", "publish", natsConnection_PublishMsg(nc, out));
    natsMsg_Destroy(out);
    natsMsg *in = NULL;
    check("headers", "next", natsSubscription_NextMsg(&in, hs, WAIT_MS));
    const char *value = NULL;
    const char **values = NULL;
    int count = 0;
    check("headers", "get X-Matrix", natsMsgHeader_Get(in, "X-Matrix", &value));
    check("headers", "values X-Multi", natsMsgHeader_Values(in, "X-Multi", &values, &count));
    char data[64];
    snprintf(data, sizeof(data), "%.*s", natsMsg_GetDataLength(in), natsMsg_GetData(in));
    if (strcmp(value, "c") != 0 || count != 2 || strcmp(values[0], "one") != 0 || strcmp(values[1], "two") != 0
        || strcmp(data, body) != 0)
        fail("headers", "got X-Matrix=%s, %d X-Multi values, data \"%s\"", value, count, data);
    ok("headers", "X-Matrix=%s X-Multi=[%s %s]", value, values[0], values[1]);
    free(values);
    natsMsg_Destroy(in);
    natsSubscription_Unsubscribe(hs);
    natsSubscription_Destroy(hs);

    /* no responders: fails fast (well inside the request timeout) with NATS_NO_RESPONDERS */
    natsMsg *none = NULL;
    double start = nowMs();
    natsStatus s = natsConnection_RequestString(&none, nc, "matrix.nobody", "anyone?", 5000);
    double took = nowMs() - start;
    if (s != NATS_NO_RESPONDERS)
    {
        natsMsg_Destroy(none);
        fail("no-responders", "got %s, want %s", natsStatus_GetText(s), natsStatus_GetText(NATS_NO_RESPONDERS));
    }
    if (took > 1000)
        fail("no-responders", "took %.0f ms: not fast", took);
    ok("no-responders", "%s in %.2fms", natsStatus_GetText(s), took);

    /* close */
    natsConnection_Close(nc);
    if (!natsConnection_IsClosed(nc))
        fail("close", "connection not closed");
    natsConnection_Destroy(nc);
    nats_Close();
    ok("close", "closed");
    printf("PASS\n");
    return 0;
}
