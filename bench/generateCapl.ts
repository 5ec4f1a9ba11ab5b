/**
 * Deterministic generator of realistic CANoe Smart Charging CAPL files for the benchmark
 * (bench/run.ts). Same `lines` and `seed` → same text, byte for byte, on every machine.
 *
 * The file looks like the examples/ nodes, scaled up: a `/*@!Encoding:1252*\/` header,
 * CRLF line ends, an `includes` and a `variables` section (timers, buffers, a hand-written
 * enum that copies the modeling table, with the usual typo and one wrong value), the SCC
 * modeling-library callbacks with switch tables over MessageID and the state transitions,
 * then one "station" module after another: Distributed Object handlers
 * (`on fct_called EVSE_7.OnLastReceivedMessageIdChanged` with `$EVSE_7...lastRxMessageId`
 * comparisons and switch tables, `EVSE_7.SetMessageTimeout.Call(231, 5000)`), `on sysvar`
 * handlers on the published ID, OCPP test cases, timers, `on message` handlers and plain
 * helper procedures full of numbers that are not IDs (timers, buffers, loops, masks,
 * arithmetic), comments and strings. Procedures are 10-60 lines long.
 *
 * Usage as a script: `tsx bench/generateCapl.ts <lines> [seed] > file.can`.
 */

export interface GeneratedCapl {
  readonly text: string;
  readonly lines: number;
  readonly procedures: number;
}

/** mulberry32: small, fast, good enough for test data, identical everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
  }
}

// ---- the IDs the code talks about (values from data/capl-smart-charging-message-ids.txt) ----

type Named = readonly [number, string];

/** CCS binding: DIN 70121, ISO 15118-2 and ISO 15118-20 responses and requests. */
export const CCS_RES: readonly Named[] = [
  [101, 'DIN SessionSetup Res'], [103, 'DIN ServiceDiscovery Res'], [109, 'DIN ChargeParameterDiscovery Res'],
  [113, 'DIN SessionStop Res'], [115, 'DIN CableCheck Res'], [117, 'DIN PreCharge Res'], [119, 'DIN CurrentDemand Res'],
  [201, 'SessionSetup Res'], [203, 'ServiceDiscovery Res'], [205, 'ServiceDetail Res'], [207, 'PaymentServiceSelection Res'],
  [209, 'PaymentDetails Res'], [211, 'Authorization Res'], [213, 'ChargeParameterDiscovery Res'], [215, 'PowerDelivery Res'],
  [217, 'MeteringReceipt Res'], [219, 'SessionStop Res'], [223, 'CertificateInstallation Res'], [225, 'ChargingStatus Res'],
  [227, 'CableCheck Res'], [229, 'PreCharge Res'], [231, 'CurrentDemand Res'], [233, 'WeldingDetection Res'],
  [301, 'ISO20 SessionSetup Res'], [303, 'AuthorizationSetup Res'], [305, 'ISO20 Authorization Res'],
  [313, 'ScheduleExchange Res'], [315, 'ISO20 PowerDelivery Res'], [319, 'ISO20 SessionStop Res'],
  [333, 'DCCableCheck Res'], [335, 'DCPreCharge Res'], [337, 'DCChargeLoop Res'], [339, 'DCWeldingDetection Res'],
];
const CCS_REQ: readonly Named[] = [
  [50, 'SECCDiscovery Req'], [200, 'SessionSetup Req'], [202, 'ServiceDiscovery Req'], [210, 'Authorization Req'],
  [212, 'ChargeParameterDiscovery Req'], [214, 'PowerDelivery Req'], [218, 'SessionStop Req'], [226, 'CableCheck Req'],
  [228, 'PreCharge Req'], [230, 'CurrentDemand Req'], [232, 'WeldingDetection Req'], [336, 'DCChargeLoop Req'],
];
const CCS_STOP_RES = [113, 219, 319];
/** OCPP binding, 1.6 and 2.0.1. */
const OCPP_IDS: readonly Named[] = [
  [50, 'ErrorResponse'], [100, 'AuthorizeRequest_16'], [102, 'BootNotificationRequest_16'], [138, 'HeartbeatRequest_16'],
  [144, 'MeterValuesRequest_16'], [166, 'StartTransactionRequest_16'], [168, 'StatusNotificationRequest_16'],
  [170, 'StopTransactionRequest_16'], [200, 'AuthorizeRequest_201'], [202, 'BootNotificationRequest_201'],
  [203, 'BootNotificationResponse_201'], [256, 'HeartbeatRequest_201'], [257, 'HeartbeatResponse_201'],
  [262, 'MeterValuesRequest_201'], [270, 'NotifyEVChargingNeedsRequest_201'], [274, 'NotifyEventRequest_201'],
  [286, 'RequestStartTransactionRequest_201'], [288, 'RequestStopTransactionRequest_201'], [294, 'ResetRequest_201'],
  [312, 'SetVariablesRequest_201'], [316, 'StatusNotificationRequest_201'], [318, 'TransactionEventRequest_201'],
];
/** Modeling libraries (charge point side: it receives requests, sends responses). */
const MODELING_REQ: readonly Named[] = [
  [1, 'SECCDiscovery Req'], [3, 'SupportedAppProtocol Req'], [5, 'SessionSetup Req'], [7, 'ServiceDiscovery Req'],
  [11, 'PaymentServiceSelection Req'], [15, 'Authorization Req'], [17, 'ChargeParameterDiscovery Req'],
  [19, 'PowerDelivery Req'], [23, 'MeteringReceipt Req'], [25, 'CableCheck Req'], [27, 'PreCharge Req'],
  [29, 'CurrentDemand Req'], [31, 'WeldingDetection Req'], [33, 'SessionStop Req'], [37, 'CertificateInstallation Req'],
];
const MODELING_RES: readonly Named[] = MODELING_REQ.map(([id, name]) => [id + 1, name.replace(/Req$/, 'Res')] as const);
/** Charge point states. */
const CP_STATES: readonly Named[] = [
  [0, 'Initial'], [1, 'Session Setup'], [2, 'Service Discovery'], [7, 'Charge Parameter Discovery'], [8, 'Power Delivery'],
  [11, 'Cable Check'], [12, 'PreCharge'], [13, 'Current Demand'], [14, 'Welding Detection'], [17, 'Session Stop'],
  [200, 'Error'], [201, 'Waiting for new session'], [300, 'Reconnecting'],
];

export const TIMER_MS = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000];
const LOOP_LIMITS = [4, 8, 10, 16, 32, 64];

/** Writes a number the way people do: mostly decimal, sometimes hex. */
export function literal(random: Random, value: number): string {
  return value > 9 && random.chance(0.15) ? `0x${value.toString(16).toUpperCase().padStart(2, '0')}` : String(value);
}

/** `code` padded to a comment column, like hand-written CAPL. */
export function commented(code: string, comment: string, column = 50): string {
  return `${code.padEnd(column)}// ${comment}`;
}

// ---- one station (a module of procedures around one Distributed Object) --------------------

export interface Station {
  readonly n: number;
  /** The Distributed Object: EVSE_<n> or SECC_<n> (ccs), CP_<n> or CSMS_<n> (ocpp). */
  readonly object: string;
  readonly binding: 'ccs' | 'ocpp';
  /** Prefix of its procedures and globals. */
  readonly prefix: string;
}

export class StationWriter {
  constructor(
    private readonly random: Random,
    private readonly station: Station,
  ) {}

  globals(): string[] {
    const { n, binding } = this.station;
    const lines = [
      `  // station ${n} (${this.station.object}, ${binding === 'ccs' ? 'CCS binding' : 'OCPP binding'})`,
      `  msTimer tSupervision${n};`,
      `  msTimer tCableCheck${n};`,
      `  byte    gTxPayload${n}[${this.random.pick([64, 100, 128, 256])}];`,
      `  dword   gLastRxId${n};                // last message ID received by station ${n}`,
      `  int     gCycle${n};`,
      `  int     gMaxCycles${n} = ${this.random.int(50, 500)};`,
      `  float   gTargetVoltage${n} = ${this.random.pick(['400.0', '800.0', '350.5'])};`,
      `  float   gTargetCurrent${n} = ${this.random.pick(['125.0', '32.0', '200.0'])};`,
      `  char    gLabel${n}[${this.random.pick([32, 64])}] = "Station ${n}";`,
    ];
    if (binding === 'ocpp') {
      lines.push(`  // capl-ids: variable gAwaitedId${n} ocpp`);
      lines.push(`  dword   gAwaitedId${n};`);
      lines.push(`  int     gBootTimeoutMs${n} = ${this.random.pick([10000, 30000, 60000])};`);
    }
    return lines;
  }

  /** The station's procedures, each 10-60 lines. */
  procedures(): string[][] {
    const builders = this.station.binding === 'ccs'
      ? [this.ccsRx, this.ccsTx, this.armTimeouts, this.payloadPreSend, this.isSessionStop, this.sysvarHandler, this.checkResponse,
        this.supervisionTimer, this.helper, this.helper, this.messageHandler, this.socketReceived]
      : [this.ocppRx, this.ocppPreSend, this.ocppTx, this.checkLastRx, this.bootTestcase, this.meterValuesTestcase, this.helper,
        this.helper, this.supervisionTimer, this.messageHandler];
    return builders.map((build) => build.call(this)).filter((proc) => proc.length > 0);
  }

  private ccsRx(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    const member = `$${object}.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId`;
    const [checkId, checkName] = r.pick(CCS_RES);
    const lines = [
      `on fct_called ${object}.OnLastReceivedMessageIdChanged`,
      '{',
      `  long id = ${member};`,
      '',
      `  @sysvar::Station${n}::LastReceivedMessageId = ${member};`,
      `  gLastRxId${n} = id;`,
      '',
      commented(`  if (id == ${literal(r, checkId)})`, checkName),
      '  {',
      ...this.noise(4, r.int(1, 3)),
      '  }',
      '',
      '  switch (id)',
      '  {',
    ];
    for (const [id, name] of r.sample(CCS_RES, r.int(3, 9))) {
      lines.push(commented(`    case ${literal(r, id)}:`, name));
      if (r.chance(0.2)) lines.push(`      switch (gCycle${n} % ${r.pick([2, 4, 8])})                 // current ramp`, '      {',
        `        case 0: @sysvar::Station${n}::TargetCurrent = ${r.int(10, 200)}; break;`,
        `        case 1: @sysvar::Station${n}::TargetCurrent = ${r.int(10, 200)}; break;`, '      }');
      else lines.push(...this.noise(6, r.int(1, 3)));
      lines.push('      break;');
    }
    lines.push('    default:', '      break;', '  }', '', `  if (Station${n}_IsSessionStop(id))`, `    cancelTimer(tSupervision${n});`);
    if (r.chance(0.5)) lines.push(`  Station${n}_CheckResponse(id);`);
    lines.push('}');
    return lines;
  }

  private ccsTx(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    const [req, reqName] = r.pick(CCS_REQ);
    return [
      `on fct_called ${object}.OnLastTransmittedMessageIdChanged`,
      '{',
      '  _CCS::DataTypes::LastTxMessageIdType expected;',
      '',
      `  if (gCycle${n} == 0)`,
      commented('    return;', 'not in the charging loop yet'),
      commented(`  expected = ${literal(r, req)};`, reqName),
      `  if (gCycle${n} >= gMaxCycles${n})`,
      commented(`    expected = ${literal(r, 218)};`, 'SessionStop Req'),
      `  if ($${object}.OnLastTransmittedMessageIdChanged.LatestCall.LastTxMessageId != expected)`,
      `    write("station ${n}, cycle %d: unexpected request sent", gCycle${n});`,
      ...this.noise(2, r.int(0, 4)),
      '}',
    ];
  }

  private armTimeouts(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    const lines = [
      `// Arms the response timeouts of station ${n}; called from the start sequence`,
      `void Station${n}_ArmTimeouts()`,
      '{',
      '  long rc;',
      '',
    ];
    for (const [id, name] of r.sample(CCS_RES, r.int(2, 6))) {
      const ms = r.pick([2000, 5000, 10000, 40000]);
      const style = r.int(0, 2);
      if (style === 0) {
        lines.push(commented(`  rc = ${object}.SetMessageTimeout.Call(${literal(r, id)}, ${ms});`, name));
        lines.push('  if (rc != 0)', `    write("${object}.SetMessageTimeout.Call(%d) failed with %d", ${id}, rc);`);
      } else if (style === 1) {
        lines.push(commented(`  if (${object}.SetMessageTimeout(${literal(r, id)}, ${ms}) == 2)`, '2 = NoMatchingElementFound'));
        lines.push(`    write("${name} is not part of this setup");`);
      } else {
        lines.push(commented(`  ${object}.SetMessageTimeout(${literal(r, id)}, ${ms});`, name));
      }
    }
    lines.push(`  setTimer(tSupervision${n}, ${r.pick(TIMER_MS)});`, '}');
    return lines;
  }

  private payloadPreSend(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    const call = `$${object}.PayloadPreSendInd.LatestCall`;
    return [
      `on fct_called ${object}.PayloadPreSendInd`,
      '{',
      '  int  i;',
      '  long len;',
      '',
      '  // report: first bytes of the last CurrentDemand Req of the run',
      `  if (${call}.messageID == ${literal(r, 230)} && gCycle${n} == gMaxCycles${n} - 1)`,
      '  {',
      `    sysGetVariableData(sysvar::Station${n}::TxPayload, gTxPayload${n}, len);`,
      `    for (i = 0; i < ${r.pick(LOOP_LIMITS)} && i < len; i++)`,
      `      write("CurrentDemand Req byte %d: 0x%02X", i, gTxPayload${n}[i]);`,
      '  }',
      `  if (${call}.payloadLength > ${r.pick([64, 100, 128])})`,
      `    write("payload of %d bytes truncated in the report", ${call}.payloadLength);`,
      '}',
    ];
  }

  private isSessionStop(): string[] {
    const { n } = this.station;
    return [
      `// Non-zero for SessionStop Res of DIN 70121, ISO 15118-2 and ISO 15118-20`,
      `int Station${n}_IsSessionStop(LastRxMessageIdType rxId)`,
      '{',
      '  // the three protocol generations answer SessionStop with different IDs',
      `  if (rxId == ${CCS_STOP_RES[0]})`,
      '    return 1;',
      `  if (rxId == ${CCS_STOP_RES[1]})`,
      '    return 1;',
      `  return rxId == ${CCS_STOP_RES[2]};`,
      '}',
    ];
  }

  private sysvarHandler(): string[] {
    const { n } = this.station;
    const r = this.random;
    const [a, aName] = r.pick(CCS_RES);
    const [b, bName] = r.pick(CCS_RES);
    const [c, cName] = r.pick(CCS_RES);
    return [
      `on sysvar Station${n}::LastReceivedMessageId`,
      '{',
      commented(`  if (@this == ${literal(r, a)})`, aName),
      '  {',
      commented(`    @sysvar::Station${n}::Phase = 2;`, 'panel: "Parameter"'),
      '  }',
      commented(`  else if (@this == ${b} || @this == ${literal(r, c)})`, `${bName}, ${cName}`),
      '  {',
      commented(`    @sysvar::Station${n}::Phase = 3;`, 'panel: "Isolationsprüfung"'),
      `    if (@sysvar::Station${n}::InletTemperature > ${r.int(60, 95)})`,
      `      write("Ladedose ${n} zu heiß: %d °C", @sysvar::Station${n}::InletTemperature);`,
      '  }',
      `  @sysvar::Station${n}::RxCounter = @sysvar::Station${n}::RxCounter + 1;`,
      '}',
    ];
  }

  private checkResponse(): string[] {
    const { n } = this.station;
    const r = this.random;
    const lines = [`// Counts the answers of station ${n} for the HMI`, `void Station${n}_CheckResponse(dword msgId)`, '{'];
    const picks = r.sample(CCS_RES, r.int(2, 5));
    picks.forEach(([id, name], i) => {
      lines.push(commented(`  ${i === 0 ? 'if' : 'else if'} (msgId == ${literal(r, id)})`, name));
      lines.push(`    @sysvar::Station${n}::HmiRxCount = @sysvar::Station${n}::HmiRxCount + ${i + 1};`);
    });
    lines.push(...this.noise(2, r.int(1, 5)), '}');
    return lines;
  }

  private supervisionTimer(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    const [stop, stopName] = this.station.binding === 'ccs' ? [219, 'SessionStop Res'] : [288, 'RequestStopTransactionRequest_201'];
    return [
      `on timer tSupervision${n}`,
      '{',
      '  // keep supervising until the peer has confirmed the end of the session',
      commented(`  if ($${object}.OnLastReceivedMessageIdChanged.LatestCall.lastRxMessageId != ${literal(r, stop)})`, stopName),
      `    setTimer(tSupervision${n}, ${r.pick(TIMER_MS)});`,
      ...this.noise(2, r.int(2, 8)),
      '}',
    ];
  }

  private socketReceived(): string[] {
    const { object } = this.station;
    const call = `$${object}.OnSocketReceivedInd.LatestCall`;
    return [
      `on fct_called ${object}.OnSocketReceivedInd`,
      '{',
      '  // SECC Discovery: the answer has to come from the SDP server port',
      `  if (${call}.messageId == 51`,
      `      && ${call}.sourcePort != 15118)`,
      `    write("SECCDiscovery Res from port %d", ${call}.sourcePort);`,
      `  if (${call}.payloadLength > 1500)`,
      '    write("jumbo frame: %d bytes", ' + `${call}.payloadLength);`,
      '  // destination port of the V2G session, negotiated in SECCDiscovery',
      `  if (${call}.destinationPort < 49152)`,
      '    write("unexpected destination port");',
      '}',
    ];
  }

  private messageHandler(): string[] {
    const { n } = this.station;
    const r = this.random;
    const id = (0x18ff5000 + n * 16 + r.int(0, 15)).toString(16).toUpperCase();
    return [
      `on message 0x${id}x`,
      '{',
      '  // BMS status from the vehicle CAN: byte 0 = SoC in 0.4 % steps, byte 1 = contactor state',
      `  @sysvar::Station${n}::Soc = this.byte(0) * 0.4;`,
      `  if (this.byte(1) == 0x02)`,
      `    write("station ${n}: vehicle contactors welded");`,
      `  if (this.dlc < 8)`,
      '    return;',
      `  gTargetCurrent${n} = (this.byte(2) | (this.byte(3) << 8)) * 0.1;`,
      ...this.noise(2, r.int(1, 6)),
      '}',
    ];
  }

  private ocppRx(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    const member = `$${object}.OnLastReceivedMessageIdChanged.LatestCall.LastRxMessageId`;
    const lines = [`on fct_called ${object}.OnLastReceivedMessageIdChanged`, '{'];
    for (const [id, name] of r.sample(OCPP_IDS, r.int(2, 6))) {
      lines.push(commented(`  if (${member} == ${literal(r, id)})`, name, 80), ...this.noise(4, 1));
    }
    lines.push(`  if (${member} == gAwaitedId${n})`, `    testSupplyTextEvent("OcppAwaited${n}");`);
    lines.push(`  @sysvar::Ocpp${n}::LastRx = ${member};`, '}');
    return lines;
  }

  private ocppPreSend(): string[] {
    const { object } = this.station;
    return [
      `on fct_called ${object}.OnPreSendMessageIdChanged`,
      '{',
      '  // our CSMS simulation must never answer with a CALLERROR in these tests',
      `  if ($${object}.OnPreSendMessageIdChanged.LatestCall.txMessageId == 50)`,
      '    testStepFail("PreSend", "CSMS is about to send a CALLERROR");',
      `  if ($${object}.OnPreSendMessageIdChanged.LatestCall.txMessageId == 0)`,
      '    return;                             // nothing sent yet',
      '  // responses are counted by the CSMS panel',
      `  @sysvar::Csms::TxCount = @sysvar::Csms::TxCount + 1;`,
      '}',
    ];
  }

  private ocppTx(): string[] {
    const { object } = this.station;
    const r = this.random;
    const member = `$${object}.OnLastTransmittedMessageIdChanged.LatestCall.lastTxMessageId`;
    const lines = [`on fct_called ${object}.OnLastTransmittedMessageIdChanged`, '{', `  switch (${member})`, '  {'];
    for (const [id, name] of r.sample(OCPP_IDS, r.int(3, 10))) lines.push(commented(`    case ${literal(r, id)}:`, name));
    lines.push('      break;', '    default:', `      testStepWarning("${object}", "unexpected message %d sent", ${member});`, '      break;', '  }', '}');
    return lines;
  }

  private checkLastRx(): string[] {
    const { n } = this.station;
    const r = this.random;
    return [
      `// Verdict on the last message received from charge point ${n}`,
      `testfunction CheckLastRx${n}(MessageIdType lastRx)`,
      '{',
      '  // capl-ids: table ocpp',
      '  if (lastRx == 50)',
      '    testStepFail("LastRx", "charge point answered with CALLERROR");',
      '  else if (lastRx == 0)',
      '    testStepFail("LastRx", "nothing received from the charge point");',
      commented(`  else if (lastRx == ${literal(r, 316)})`, 'StatusNotificationRequest_201'),
      '    testStepPass("LastRx", "status notification");',
      '  else',
      '    testStepPass("LastRx", "last message ID %d", lastRx);',
      '}',
    ];
  }

  private bootTestcase(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    return [
      `testcase TC_BootNotification${n}()`,
      '{',
      '  long rc;',
      '',
      `  testCaseTitle("OCPP-${String(n).padStart(3, '0')}", "BootNotification after power-up");`,
      commented(`  rc = ${object}.SetMessageTimeout.Call(${literal(r, 202)}, gBootTimeoutMs${n});`, 'BootNotificationRequest_201'),
      '  if (rc == 1)',
      '  {',
      '    testStepFail("Setup", "SetMessageTimeout: invalid argument");',
      '    return;',
      '  }',
      `  gAwaitedId${n} = 202;`,
      `  @sysvar::Ocpp${n}::ChargePointPower = 1;`,
      `  if (testWaitForTextEvent("OcppAwaited${n}", gBootTimeoutMs${n}) != 1)`,
      `    testStepFail("Boot", "no BootNotificationRequest within %d ms", gBootTimeoutMs${n});`,
      `  CheckLastRx${n}($${object}.OnLastReceivedMessageIdChanged.LatestCall.LastRxMessageId);`,
      '}',
    ];
  }

  private meterValuesTestcase(): string[] {
    const { n, object } = this.station;
    const r = this.random;
    const timeout = r.pick([30000, 65000, 120000]);
    return [
      `testcase TC_MeterValues${n}(int samples)`,
      '{',
      '  int i;',
      '',
      `  testCaseTitle("OCPP-${String(n + 100).padStart(3, '0')}", "MeterValues during a transaction");`,
      commented(`  gAwaitedId${n} = ${literal(r, 262)};`, 'MeterValuesRequest_201'),
      `  ${object}.SetMessageTimeout(262, ${timeout});`,
      '  for (i = 0; i < samples; i++)',
      '  {',
      `    if (testWaitForTextEvent("OcppAwaited${n}", ${timeout}) != 1)`,
      '      break;',
      ...this.noise(4, r.int(0, 3)),
      '  }',
      `  if (i < samples)`,
      '    testStepFail("MeterValues", "%d of %d samples received", i, samples);',
      '}',
    ];
  }

  /** A procedure without IDs: buffers, checksums, ramps, string formatting. */
  helper(): string[] {
    const { n } = this.station;
    const r = this.random;
    const kind = r.int(0, 3);
    const name = `Station${n}_${['Checksum', 'Ramp', 'FormatLine', 'Statistics'][kind]}${r.int(1, 99)}`;
    const body: string[] = [];
    if (kind === 0) {
      body.push(`// CRC-16/CCITT over the first bytes of the payload (polynomial 0x1021)`, `word ${name}(byte data[], int len)`, '{',
        '  word crc = 0xFFFF;', '  int i, bit;', '', '  for (i = 0; i < len; i++)', '  {', '    crc ^= data[i] << 8;',
        '    for (bit = 0; bit < 8; bit++)', '      crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) : (crc << 1);', '  }');
      body.push(...this.noise(2, r.int(0, 20)), '  return crc & 0xFFFF;', '}');
    } else if (kind === 1) {
      body.push(`// Current ramp: at most ${r.int(2, 20)} A per step, ${r.pick(TIMER_MS)} ms steps`, `float ${name}(float target, float actual)`, '{',
        '  float step;', '', `  step = (target - actual) / ${r.int(2, 16)}.0;`, `  if (step > ${r.int(2, 20)}.0)`, `    step = ${r.int(2, 20)}.0;`,
        `  else if (step < -${r.int(2, 20)}.5)`, `    step = -${r.int(2, 20)}.5;`);
      body.push(...this.noise(2, r.int(0, 20)), '  return actual + step * 1.0e0;', '}');
    } else if (kind === 2) {
      body.push(`void ${name}(char buffer[])`, '{', '  char unit[8] = "kW";', `  float power = gTargetVoltage${n} * gTargetCurrent${n} / 1000.0;`, '',
        `  snprintf(buffer, elcount(buffer), "Station ${n}: %.1f %s, %d cycles", power, unit, gCycle${n});`,
        `  if (strlen(buffer) > ${r.int(40, 80)})`, `    buffer[${r.int(40, 80)}] = '\\0';`, '  // "// not a comment", said the string');
      body.push(...this.noise(2, r.int(0, 20)), '}');
    } else {
      const size = r.pick([10, 16, 32, 50]);
      body.push(`// min / max / mean of the last ${size} voltage samples`, `void ${name}()`, '{', `  float samples[${size}];`,
        '  float minV = 1.0e9, maxV = -1.0e9, sum = 0;', '  int i;', '', `  for (i = 0; i < ${size}; i++)`, '  {',
        `    samples[i] = @sysvar::Station${n}::Voltage + i * 0.25;`, '    if (samples[i] < minV) minV = samples[i];',
        '    if (samples[i] > maxV) maxV = samples[i];', '    sum += samples[i];', '  }',
        `  write("station ${n}: min %.1f V, max %.1f V, mean %.2f V", minV, maxV, sum / ${size});`);
      body.push(...this.noise(2, r.int(0, 20)), '}');
    }
    return body;
  }

  /** Statements without IDs, at `indent` spaces. */
  noise(indent: number, count: number): string[] {
    const { n } = this.station;
    const r = this.random;
    const pad = ' '.repeat(indent);
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      switch (r.int(0, 11)) {
        case 0: lines.push(`${pad}gCycle${n}++;`); break;
        case 1: lines.push(`${pad}setTimer(tCableCheck${n}, ${r.pick([...TIMER_MS, 45000])});`); break;
        case 2: lines.push(`${pad}write("station ${n}: cycle %d at %.1f V", gCycle${n}, gTargetVoltage${n});`); break;
        case 3: lines.push(`${pad}@sysvar::Station${n}::Phase = ${r.int(0, 6)};`); break;
        case 4: lines.push(`${pad}gTargetCurrent${n} = gTargetCurrent${n} * 0.95 + ${r.int(1, 20)};`); break;
        case 5: lines.push(`${pad}if (gCycle${n} % ${r.pick(LOOP_LIMITS)} == 0)`, `${pad}  gTargetCurrent${n} = ${r.int(50, 230)};`); break;
        case 6: lines.push(`${pad}gTxPayload${n}[${r.int(0, 63)}] = 0x${r.int(0, 255).toString(16).toUpperCase().padStart(2, '0')};`); break;
        case 7: lines.push(`${pad}cancelTimer(tCableCheck${n});`); break;
        case 8: lines.push(`${pad}// ${r.pick(['TODO: check the ramp with 32 A', 'see test spec chapter 4.2.1', 'Zähler läuft über bei 65535', 'do not touch: calibrated on the HIL'])}`); break;
        case 9: lines.push(`${pad}gTargetVoltage${n} = ${r.int(200, 920)}.${r.int(0, 9)};`); break;
        case 10: lines.push(`${pad}// setTimer(tSupervision${n}, ${r.pick(TIMER_MS)});   old timing`); break;
        default: lines.push(`${pad}if (gTargetVoltage${n} > ${r.int(400, 1000)} || gCycle${n} < ${r.int(1, 12)})`, `${pad}  gCycle${n} = 0;`); break;
      }
    }
    return lines;
  }
}

// ---- the file -------------------------------------------------------------------------------

function header(random: Random, name: string): string[] {
  return [
    '/*@!Encoding:1252*/',
    '/*',
    ` * ${name}`,
    ' * Generated benchmark node (bench/generateCapl.ts): a charge point test bench with many',
    ' * stations. Each station is reached through a Distributed Object of the Communication',
    ' * Setup (EVSE_<n>/SECC_<n>: CCS binding, CP_<n>/CSMS_<n>: OCPP binding); the node itself is',
    ' * the charge point on the SCC modeling library. Max. inlet temperature 90 °C.',
    ` * Seed ${random.int(1000, 9999)}.`,
    ' */',
    '',
    'includes',
    '{',
    '  #include "..\\Common\\CcsSessionMonitor.cin"',
    '}',
    '',
  ];
}

/** The hand-written enum copying the modeling table: one typo, one wrong value, like Vector's sample. */
const MIRROR_ENUM = [
  '  // message IDs of the modeling library, copied from the CANoe help (like the monitor sample)',
  '  enum SmartChargingMessageIDs',
  '  {',
  '    InvalidMessage = 0,',
  '    SECCDiscoveryReq = 1,',
  '    SECCDiscoveryRes = 2,',
  '    SupportedAppProtocolReq = 3,',
  '    SupportedAppProtocolRes = 4,',
  '    SessionSetupReq = 5,',
  '    SessionSetupRes = 7,',
  '    ServiceDiscoveryReq = 7,',
  '    ServiceDiscoveryRes = 8,',
  '    ChargeParameterDiscoveryReq = 17,',
  '    ChargeParameterDiscoveryRes = 18,',
  '    CableCheckReq = 25,',
  '    CableCheckRes = 26,',
  '    PreChargeReq = 27,',
  '    CurrentDemandReq = 29,',
  '    CurrentDemandRes = 30,',
  '    WeldingDetectionReq = 31,',
  '    SessionStopReq = 33,',
  '    SessionStopRes = 34,',
  '    CertificateInstalationReq = 37,',
  '    CmSLACParmReq = 101,',
  '    CmSLACMatchCnf = 116',
  '  };',
  '',
  '  enum ChargeMode { MODE_AC_SINGLE = 1, MODE_AC_THREE = 3, MODE_DC = 4 };',
  '  const int kMaxStations = 512;',
  '  const dword kHeartbeatMs = 60000;',
  '  msTimer tHmi;',
  '  char  gStateName[64];',
  '  byte  gSessionId[8];',
  '  dword gLastTxId;',
  '  int   gTimeoutCount;',
  '  int   gMaxTimeouts = 3;',
  '  dword gSignatureErrors;',
];

/** The SCC modeling-library callbacks (each exists once per node). */
function sccCallbacks(random: Random): string[][] {
  const r = random;
  const switchOver = (variable: string, ids: readonly Named[], count: number, indent: string) => {
    const lines = [`${indent}switch (${variable})`, `${indent}{`];
    for (const [id, name] of r.sample(ids, count)) {
      lines.push(commented(`${indent}  case ${literal(r, id)}:`, name));
      lines.push(`${indent}    ${r.pick(['gTimeoutCount = 0;', 'setTimer(tHmi, 500);', '@sysvar::Charger::HmiTxCount = @sysvar::Charger::HmiTxCount + 1;', 'write("%s", gStateName);'])}`);
      lines.push(`${indent}    break;`);
    }
    lines.push(`${indent}  default:`, `${indent}    break;`, `${indent}}`);
    return lines;
  };
  return [
    ['on start', '{', '  long i;', '', '  gStateName[0] = \'\\0\';', '  // label of the error state for the panel',
      '  SCC_GetStateName(200, gStateName, elcount(gStateName));', '  sysSetVariableString(sysvar::Charger::ErrorStateName, gStateName);',
      '  for (i = 0; i < kMaxStations; i++)', '    @sysvar::Charger::StationReady = 0;', '  setTimer(tHmi, 500);', '}'],
    ['SCC_SessionSetupReq(byte SessionID[], char EVCCID[])', '{', '  memcpy(gSessionId, SessionID, elcount(gSessionId));',
      '  write("SessionSetup Req from EVCC %s", EVCCID);', '  gTimeoutCount = 0;', '  // new session: the HMI starts over', '  @sysvar::Charger::HmiPhase = 0;',
      '  @sysvar::Charger::HmiTxCount = 0;', '  @sysvar::Charger::HmiRxCount = 0;', '}'],
    ['SCC_CableCheckReq(byte SessionID[])', '{', '  // insulation test: 100 Ohm/V at 500 V', '  if (@sysvar::Charger::InsulationResistance < 50)',
      '    @sysvar::Charger::InjectCableCheckFault = 1;', '  else', '    @sysvar::Charger::InjectCableCheckFault = 0;', '  @sysvar::Charger::HmiPhase = 3;', '  setTimer(tHmi, 250);', '}'],
    ['SCC_MessageRxInd(byte SessionID[], dword MessageID)', '{', '  if (MessageID >= 101 && MessageID <= 128)   // SLAC (MMType), handled by the PLC stack',
      '    return;', '', ...switchOver('MessageID', MODELING_REQ, 8, '  '), '  if (MessageID == 33)                         // SessionStop Req',
      '    cancelTimer(tHmi);', '}'],
    ['void SCC_MessageTxInd(byte SessionOrRunID[], dword MessageId, long Error)', '{', '  if (Error != 0)', '  {',
      '    write("Tx of message %d failed (%d), response %d will not come", MessageId, Error, MessageId + 1);', '    return;', '  }',
      '  gLastTxId = MessageId;', ...switchOver('MessageId', MODELING_RES, 6, '  '), '  if (MessageId != 32)                         // no HMI update during WeldingDetection',
      '    @sysvar::Charger::HmiTxCount = @sysvar::Charger::HmiTxCount + 1;', '}'],
    ['SCC_PreSendInd(byte SessionID[], dword MessageID, char ResponseCode[])', '{', '  // fault test: the first CableCheck Res reports a failed insulation test',
      '  if (MessageID == 26 && @sysvar::Charger::InjectCableCheckFault == 1)', '  {', '    strncpy(ResponseCode, "FAILED", elcount(ResponseCode));',
      '    @sysvar::Charger::InjectCableCheckFault = 0;', '  }', '}'],
    ['SCC_PayloadPreSendInd(byte SessionOrRunID[], dword MessageID, byte Payload[], dword& PayloadLength)', '{',
      '  // fault test: set the "EVSE power limit achieved" flag in CurrentDemand Res', '  if (MessageID == 0x1E && PayloadLength > 4 && @sysvar::Charger::InjectPowerLimit)',
      '    Payload[4] = Payload[4] | 0x01;', '  if (MessageID == 38 && PayloadLength > 1024)', '    write("CertificateInstallation Res: %d bytes", PayloadLength);', '}'],
    ['SCC_SignatureVerificationInd(dword MessageID, dword SignatureValid)', '{', '  // the vehicle signs Authorization Req and MeteringReceipt Req',
      '  if (MessageID == 15 && SignatureValid == 0)', '    gSignatureErrors++;', '  if (23 != MessageID)', '    return;', '  if (!SignatureValid)',
      '    write("MeteringReceipt Req: invalid signature (%d so far)", ++gSignatureErrors);', '}'],
    ['SCC_StateTransitionInd(byte SessionID[], dword OldState, dword NewState)', '{', '  if (NewState == 201)   // Waiting for new session', '  {',
      '    @sysvar::Charger::Ready = 1;', '    return;', '  }', '  @sysvar::Charger::Ready = 0;', '', ...switchOver('NewState', CP_STATES, 6, '  '),
      '  if (OldState == 0 && NewState != 1)   // Initial must be followed by Session Setup', '    write("unexpected first state %d", NewState);', '}'],
    ['on timer tHmi', '{', '  if (gLastTxId == 30 && gTimeoutCount < gMaxTimeouts)', '    snprintf(gStateName, elcount(gStateName), "Laden: %d", gTimeoutCount);',
      '  setTimer(tHmi, 500);', '  // 500 ms is the refresh rate of the panel', '  @sysvar::Charger::HmiTick = @sysvar::Charger::HmiTick + 1;',
      '  if (@sysvar::Charger::HmiTick > 1000)', '    @sysvar::Charger::HmiTick = 0;', '}'],
  ];
}

export function stationOf(n: number, random: Random): Station {
  const ocpp = random.chance(0.3);
  const object = ocpp ? `${random.pick(['CP', 'CSMS'])}_${n}` : `${random.pick(['EVSE', 'EVSE', 'SECC'])}_${n}`;
  return { n, object, binding: ocpp ? 'ocpp' : 'ccs', prefix: `Station${n}` };
}

/**
 * A CAPL file of exactly `lines` lines (CRLF, no line end after the last one), seeded.
 * Below ~400 lines it is the header and the SCC callbacks, cut off.
 */
export function generateCapl(lines: number, seed = 1, name = `Generated${lines}.can`): GeneratedCapl {
  const random = new Random(seed);
  const head = header(random, name);
  const callbacks = sccCallbacks(random);
  const globals: string[] = [];
  const body: string[] = [];
  let procedures = 0;
  for (const proc of callbacks) {
    body.push(...proc, '');
    procedures++;
  }
  // fixed lines: head, `variables {`, mirror enum, `}`, blank
  const fixed = () => head.length + 2 + MIRROR_ENUM.length + globals.length + 2 + body.length;
  for (let n = 1; ; n++) {
    const station = stationOf(n, random);
    const writer = new StationWriter(random, station);
    const stationGlobals = writer.globals();
    const procs = writer.procedures();
    // interleave: CAPL files mix handlers and helpers; shuffle the station's procedures a bit
    for (let i = procs.length - 1; i > 0; i--) {
      if (random.chance(0.3)) [procs[i], procs[i - 1]] = [procs[i - 1], procs[i]];
    }
    const size = stationGlobals.length + procs.reduce((sum, proc) => sum + proc.length + 1, 0);
    if (fixed() + size > lines) {
      // fill what is left with helper procedures on this station's globals, then comment lines
      if (lines - fixed() >= stationGlobals.length + 14) globals.push(...stationGlobals);
      else stationGlobals.length = 0;
      while (stationGlobals.length > 0 && lines - fixed() >= 14) {
        const target = Math.min(lines - fixed() - 1, random.int(12, 40));
        const proc = [`// filler procedure ${procedures}`, `void Filler${procedures}()`, '{', '  int i;', ''];
        while (proc.length < target - 1) proc.push(...writer.noise(2, 1));
        body.push(...proc.slice(0, target - 1), '}', '');
        procedures++;
      }
      while (fixed() < lines) body.push(`// end of generated node (${lines - fixed()})`);
      break;
    }
    globals.push(...stationGlobals);
    for (const proc of procs) {
      body.push(...proc, '');
      procedures++;
    }
  }
  const all = [...head, 'variables', '{', ...MIRROR_ENUM, ...globals, '}', '', ...body].slice(0, lines);
  return { text: all.join('\r\n'), lines: all.length, procedures };
}

if (process.argv[1] && /generateCapl\.[cm]?[jt]s$/.test(process.argv[1])) {
  const lines = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(generateCapl(lines, seed).text + '\r\n');
}
