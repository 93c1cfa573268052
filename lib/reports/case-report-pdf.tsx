import "server-only";
// The case report as a PDF (A4), made on the server with @react-pdf/renderer: text and tables only,
// in the built-in Helvetica (no remote fonts or images), page numbers in the footer. It prints
// the view model of case-report-view.ts and nothing else.
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { CaseReportView, ReportSection, ReportTable } from "./case-report-view";

const s = StyleSheet.create({
  page: { fontFamily: "Helvetica", fontSize: 9, paddingTop: 36, paddingBottom: 48, paddingHorizontal: 36, color: "#111" },
  top: { borderBottomWidth: 1, borderBottomColor: "#333", paddingBottom: 6, marginBottom: 8 },
  title: { fontFamily: "Helvetica-Bold", fontSize: 16 },
  status: { fontSize: 11, marginTop: 2 },
  muted: { color: "#444", fontSize: 8 },
  fact: { flexDirection: "row", marginBottom: 2 },
  factLabel: { width: 110, fontFamily: "Helvetica-Bold" },
  factValue: { flex: 1 },
  h2: { fontFamily: "Helvetica-Bold", fontSize: 12, marginTop: 12, marginBottom: 4, borderBottomWidth: 0.5, borderBottomColor: "#999", paddingBottom: 2 },
  table: { marginTop: 4, borderTopWidth: 0.5, borderLeftWidth: 0.5, borderColor: "#999" },
  row: { flexDirection: "row" },
  cell: { borderRightWidth: 0.5, borderBottomWidth: 0.5, borderColor: "#999", padding: 2, fontSize: 7.5 },
  headCell: { fontFamily: "Helvetica-Bold", backgroundColor: "#eee" },
  mono: { fontFamily: "Courier", fontSize: 7 },
  block: { marginTop: 4 },
  blockHead: { fontFamily: "Helvetica-Bold", fontSize: 8 },
  footer: { position: "absolute", bottom: 20, left: 36, right: 36, flexDirection: "row", justifyContent: "space-between", fontSize: 8, color: "#444" },
});

/** Long unbroken words in free text wrap rather than overflow the cell (hashes are never split: mono columns). */
const hyphenation = (word: string) => (word.length > 24 ? (word.match(/.{1,12}/g) ?? [word]) : [word]);
const whole = (word: string) => [word];

function Facts({ facts }: { facts: [string, string][] }) {
  return (
    <>
      {facts.map(([k, v], i) => (
        <View key={i} style={s.fact} wrap={false}>
          <Text style={s.factLabel}>{k}</Text>
          <Text style={s.factValue} hyphenationCallback={hyphenation}>
            {v}
          </Text>
        </View>
      ))}
    </>
  );
}

function Table({ table }: { table: ReportTable }) {
  if (!table.rows.length) return table.empty ? <Text style={[s.muted, { marginTop: 4 }]}>{table.empty}</Text> : null;
  const total = table.widths.reduce((a, b) => a + b, 0);
  const w = (i: number) => `${((table.widths[i] ?? 1) / total) * 100}%`;
  return (
    <View style={s.table}>
      <View style={s.row} fixed>
        {table.columns.map((c, i) => (
          <Text key={i} style={[s.cell, s.headCell, { width: w(i) }]}>
            {c}
          </Text>
        ))}
      </View>
      {table.rows.map((r, j) => (
        <View key={j} style={s.row} wrap={false}>
          {r.map((v, i) => (
            <Text key={i} style={table.mono?.includes(i) ? [s.cell, s.mono, { width: w(i) }] : [s.cell, { width: w(i) }]} hyphenationCallback={table.mono?.includes(i) ? whole : hyphenation}>
              {v}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function Section({ section }: { section: ReportSection }) {
  return (
    <View>
      <Text style={s.h2} minPresenceAhead={90}>
        {section.title}
      </Text>
      <Facts facts={section.facts} />
      {section.note ? <Text style={s.muted}>{section.note}</Text> : null}
      {section.tables.map((t, i) => (
        <Table key={i} table={t} />
      ))}
      {section.blocks.map((b, i) => (
        <View key={i} style={s.block}>
          <Text style={s.blockHead}>{b.heading}</Text>
          <Text hyphenationCallback={hyphenation}>{b.body}</Text>
        </View>
      ))}
    </View>
  );
}

export function CaseReportDocument({ view }: { view: CaseReportView }) {
  return (
    <Document title={view.title} author="Logdesk" subject={`Case report ${view.reference}`} creator="Logdesk" producer="Logdesk">
      <Page size="A4" style={s.page}>
        <View style={s.top}>
          <Text style={s.title}>{view.reference}</Text>
          <Text style={s.status}>Status: {view.status}</Text>
          <Text style={s.muted}>Case report for Legal&apos;s file, generated {view.generatedAt}. Times in UTC.</Text>
        </View>
        <Facts facts={view.header} />
        {view.sections.map((sec, i) => (
          <Section key={i} section={sec} />
        ))}
        <View style={s.footer} fixed>
          <Text>
            {view.reference} · {view.status}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/** The report's PDF bytes. */
export async function renderCaseReportPdf(view: CaseReportView): Promise<Buffer> {
  return renderToBuffer(<CaseReportDocument view={view} />);
}
