// Drives the local Service Bus broker with a second real client: the JavaScript SDK (@azure/service-bus, on rhea).
// Usage: node broker-interop.mjs "<connection string>"
// The broker must have these entities (JavaScriptClientTests creates them):
//   queue js-queue; topic js-topic with subscriptions all (no rule), high (SQL "priority > 5"),
//   civilians (correlation filter pillar = 'protection-of-civilians').
// Each step prints one line; the first failure prints the error and exits with code 1.
// For the connection drop, the script prints "drop: waiting" and reads one line from standard input: the caller
// closes the broker's connections and then writes that line.
import { ServiceBusClient } from "@azure/service-bus";
import { createInterface } from "node:readline";

const connectionString = process.argv[2];
if (!connectionString) {
  console.error("usage: node broker-interop.mjs <connection string>");
  process.exit(2);
}

const queue = "js-queue";
const topic = "js-topic";
const wait = { maxWaitTimeInMs: 5000 };
// Short retries: the broker is local, and a drop must be recovered from in seconds, not minutes.
const clientOptions = { retryOptions: { maxRetries: 5, retryDelayInMs: 200, maxRetryDelayInMs: 1000, timeoutInMs: 10000 } };

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function ids(messages) {
  return messages.map((m) => m.messageId).join(",");
}

async function receive(receiver, count) {
  const received = [];
  const deadline = Date.now() + 10000;
  while (received.length < count && Date.now() < deadline) {
    received.push(...(await receiver.receiveMessages(count - received.length, wait)));
  }
  check(received.length === count, `expected ${count} messages, received ${received.length} (${ids(received)})`);
  return received;
}

async function expectEmpty(receiver) {
  const extra = await receiver.receiveMessages(1, { maxWaitTimeInMs: 300 });
  check(extra.length === 0, `expected no more messages, received ${ids(extra)}`);
}

async function completeAll(receiver, messages) {
  for (const message of messages) {
    await receiver.completeMessage(message);
  }
}

async function roundTrip(client) {
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue);
  const body = { publication: "p-1", pillars: ["protection-of-civilians"] };
  await sender.sendMessages({
    messageId: "round-trip",
    body,
    subject: "publication",
    contentType: "application/json",
    correlationId: "corr-1",
    applicationProperties: { pillar: "protection-of-civilians", count: 3, flag: true },
  });
  const [message] = await receive(receiver, 1);
  check(JSON.stringify(message.body) === JSON.stringify(body), `body ${JSON.stringify(message.body)}`);
  check(message.subject === "publication" && message.contentType === "application/json" && message.correlationId === "corr-1", "system properties differ");
  const properties = message.applicationProperties;
  check(properties.pillar === "protection-of-civilians" && properties.count === 3 && properties.flag === true, `application properties ${JSON.stringify(properties)}`);
  check(message.deliveryCount === 0 && message.sequenceNumber !== undefined && message.lockToken, "peek-lock annotations missing");
  await receiver.completeMessage(message);
  await expectEmpty(receiver);
  await Promise.all([sender.close(), receiver.close()]);
  return `message ${message.messageId}, sequence number ${message.sequenceNumber}`;
}

async function batches(client) {
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue);
  await sender.sendMessages([{ messageId: "list-1", body: "1" }, { messageId: "list-2", body: "2" }]);
  const batch = await sender.createMessageBatch();
  check(batch.maxSizeInBytes > 0, "the sender link advertised no max-message-size");
  for (const id of ["batch-3", "batch-4", "batch-5"]) {
    check(batch.tryAddMessage({ messageId: id, body: id }), `${id} did not fit in the batch`);
  }
  await sender.sendMessages(batch);
  const received = await receive(receiver, 5);
  check(ids(received) === "list-1,list-2,batch-3,batch-4,batch-5", `order ${ids(received)}`);
  const sequence = received.map((m) => m.sequenceNumber.toNumber());
  check(sequence.every((n, i) => i === 0 || n > sequence[i - 1]), `sequence numbers ${sequence}`);
  await completeAll(receiver, received);
  await expectEmpty(receiver);
  await Promise.all([sender.close(), receiver.close()]);
  return `${received.length} messages in order (max batch size ${batch.maxSizeInBytes} bytes)`;
}

async function peekLock(client) {
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue, { receiveMode: "peekLock" });
  await sender.sendMessages([{ messageId: "abandoned", body: "a" }, { messageId: "completed", body: "c" }]);
  const [first, second] = await receive(receiver, 2);
  await receiver.completeMessage(second);
  await receiver.abandonMessage(first);
  const [again] = await receive(receiver, 1);
  check(again.messageId === "abandoned", `redelivered ${again.messageId}`);
  check(again.deliveryCount === 1, `delivery count after abandon ${again.deliveryCount}`);
  await receiver.completeMessage(again);
  await expectEmpty(receiver);
  await Promise.all([sender.close(), receiver.close()]);
  return "complete removes, abandon redelivers with delivery count 1";
}

async function deadLetter(client) {
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue);
  await sender.sendMessages({ messageId: "poison", body: "p" });
  const [message] = await receive(receiver, 1);
  await receiver.deadLetterMessage(message, { deadLetterReason: "Unreadable", deadLetterErrorDescription: "Not JSON." });
  await expectEmpty(receiver);
  const deadLetters = client.createReceiver(queue, { subQueueType: "deadLetter" });
  const [dead] = await receive(deadLetters, 1);
  check(dead.messageId === "poison", `dead-letter queue held ${dead.messageId}`);
  check(dead.deadLetterReason === "Unreadable" && dead.deadLetterErrorDescription === "Not JSON.", `reason ${dead.deadLetterReason} / ${dead.deadLetterErrorDescription}`);
  await deadLetters.completeMessage(dead);
  await expectEmpty(deadLetters);
  await Promise.all([sender.close(), receiver.close(), deadLetters.close()]);
  return `read back from ${queue}/$DeadLetterQueue with reason ${dead.deadLetterReason}`;
}

async function scheduling(client) {
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue);
  const due = new Date(Date.now() + 2000);
  const [kept, cancelled] = await sender.scheduleMessages([{ messageId: "kept", body: "k" }, { messageId: "cancelled", body: "c" }], due);
  const peeked = await receiver.peekMessages(10);
  check(ids(peeked) === "kept,cancelled", `peek listed ${ids(peeked)}`);
  check(peeked.every((m) => m.state === "scheduled"), `peeked states ${peeked.map((m) => m.state)}`);
  check(peeked[0].sequenceNumber.equals(kept) && peeked[1].sequenceNumber.equals(cancelled), "peeked sequence numbers differ from the scheduled ones");
  await sender.cancelScheduledMessages(cancelled);
  await expectEmpty(receiver);
  const [message] = await receive(receiver, 1);
  check(message.messageId === "kept" && message.sequenceNumber.equals(kept), `received ${message.messageId} #${message.sequenceNumber}`);
  check(Date.now() >= due.getTime(), "the scheduled message arrived before it was due");
  await receiver.completeMessage(message);
  await expectEmpty(receiver);
  await Promise.all([sender.close(), receiver.close()]);
  return `kept #${kept} arrived when due, cancelled #${cancelled} never did`;
}

async function topicFilters(client) {
  const sender = client.createSender(topic);
  await sender.sendMessages([
    { messageId: "urgent-civilians", body: "u", applicationProperties: { priority: 9, pillar: "protection-of-civilians" } },
    { messageId: "routine-children", body: "r", applicationProperties: { priority: 2, pillar: "children-and-armed-conflict" } },
    { messageId: "urgent-children", body: "c", applicationProperties: { priority: 6, pillar: "children-and-armed-conflict" } },
  ]);
  const expected = {
    all: "urgent-civilians,routine-children,urgent-children",
    high: "urgent-civilians,urgent-children",
    civilians: "urgent-civilians",
  };
  for (const [subscription, want] of Object.entries(expected)) {
    const receiver = client.createReceiver(topic, subscription);
    const received = await receive(receiver, want.split(",").length);
    check(ids(received) === want, `${subscription} received ${ids(received)}, expected ${want}`);
    await completeAll(receiver, received);
    await expectEmpty(receiver);
    await receiver.close();
  }

  await sender.close();
  return "all got 3, high (priority > 5) got 2, civilians (correlation) got 1";
}

async function sessionsRefused(client) {
  // The broker answers a session receiver's attach with a refusing attach and a detach carrying amqp:not-implemented.
  // acceptNextSession always reports that detach. acceptSession with a session id is checked by the SDK (7.9.5) against
  // the attach alone: when the detach is handled in the same read as the attach, the SDK reports its own
  // SessionCannotBeLocked instead, so for that call either error shows the refusal; what must never happen is success.
  const attempts = [
    ["acceptNextSession", () => client.acceptNextSession(queue, { maxAutoLockRenewalDurationInMs: 0 }), /sessions are not supported/i],
    ["acceptSession", () => client.acceptSession(queue, "session-1", { maxAutoLockRenewalDurationInMs: 0 }), /sessions are not supported|SessionCannotBeLocked/i],
  ];
  const reported = [];
  for (const [name, attempt, expected] of attempts) {
    let accepted;
    try {
      accepted = await attempt();
    } catch (error) {
      const text = `${error.code}: ${error.message}`;
      check(expected.test(text), `${name} failed with an unexpected error: ${text}`);
      reported.push(`${name} -> ${error.code}`);
      continue;
    }

    await accepted.close();
    throw new Error(`${name} was accepted on a queue without sessions (session id ${accepted.sessionId})`);
  }

  return reported.join(", ");
}

async function connectionDrop(client) {
  const sender = client.createSender(queue);
  const receiver = client.createReceiver(queue);
  await sender.sendMessages({ messageId: "before-drop", body: "b" });
  console.log("drop: waiting");
  const lines = createInterface({ input: process.stdin });
  await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    lines.once("close", () => reject(new Error("standard input closed before the connection was dropped")));
  });
  lines.close();
  // A send that races the client's own handling of the disconnect fails with rhea's "Failed to connect", which the
  // SDK does not retry: try again, as an application would, until the client has reconnected.
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      await sender.sendMessages({ messageId: "after-drop", body: "a" });
      break;
    } catch (error) {
      check(attempts < 10 && /failed to connect/i.test(error.message), `send after the drop failed (attempt ${attempts}): ${error.message}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const received = await receive(receiver, 2);
  check(ids(received) === "before-drop,after-drop", `after the drop received ${ids(received)}`);
  await completeAll(receiver, received);
  await expectEmpty(receiver);
  await Promise.all([sender.close(), receiver.close()]);
  await client.close();

  // A new client on a new connection still finds everything in place.
  const fresh = new ServiceBusClient(connectionString, clientOptions);
  const freshSender = fresh.createSender(queue);
  const freshReceiver = fresh.createReceiver(queue);
  await freshSender.sendMessages({ messageId: "reconnected", body: "r" });
  const [message] = await receive(freshReceiver, 1);
  await freshReceiver.completeMessage(message);
  await fresh.close();
  return `sender (in ${attempts} attempt(s)) and receiver recovered after the broker closed the connection; a new client reconnected`;
}

const steps = [
  ["round trip", roundTrip],
  ["batches", batches],
  ["peek-lock", peekLock],
  ["dead-letter", deadLetter],
  ["scheduling", scheduling],
  ["topic filters", topicFilters],
  ["sessions refused", sessionsRefused],
  ["connection drop", connectionDrop],
];

const client = new ServiceBusClient(connectionString, clientOptions);
for (const [name, step] of steps) {
  try {
    console.log(`ok ${name}: ${await step(client)}`);
  } catch (error) {
    // An AggregateError (one per address tried for localhost) says nothing until its inner errors are printed.
    const inner = (error?.errors ?? []).map((e) => `\n  caused by: ${e?.message ?? e}`).join("");
    console.log(`FAILED ${name}: ${error?.stack ?? error}${inner}`);
    process.exit(1);
  }
}

console.log(`all ${steps.length} steps passed`);
process.exit(0);
