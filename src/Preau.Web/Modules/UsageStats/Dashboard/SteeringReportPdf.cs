using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Preau.Web.Platform.Pdf;

namespace Preau.Web.Modules.UsageStats.Dashboard;

/// <summary>
/// The steering committee's report: key figures, then each chart drawn as vector bars with its figures written on
/// it, each followed by its table, on A4 pages. Only aggregates: no name of a person appears.
/// </summary>
public static class SteeringReportPdf
{
    private const double Margin = 48;
    private static readonly XColor Brand = XColor.FromArgb(0x1F, 0x4E, 0x9A);
    private static readonly XColor Accent = XColor.FromArgb(0xC2, 0x41, 0x0C);
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static byte[] Render(UsageReportData r, DateTime generatedAtParis)
    {
        PdfFonts.EnsureInstalled();
        var document = new PdfDocument();
        document.Info.Title = $"Préau — rapport d'usage — {r.Scope.Name}";
        document.Info.Creator = "Préau";
        document.Options.CompressContentStreams = true;
        var w = new Writer(document);

        w.Text("Préau — rapport d'usage pour le comité de pilotage", w.Title);
        w.Text(r.Scope.Name, w.Heading);
        w.Text($"Période du {r.From.ToString("d MMMM yyyy", Fr)} au {r.To.ToString("d MMMM yyyy", Fr)} — établi le {generatedAtParis.ToString("d MMMM yyyy à HH:mm", Fr)}", w.Body);
        w.Gap(8);
        var total = r.Accounts.LastOrDefault();
        w.Table(["Indicateur", "Valeur"], [
            ["Actions et pages consultées", N(r.TotalEvents)],
            ["Connexions", N(r.TotalLogins)],
            ["Utilisateurs actifs par jour (moyenne des jours d'activité)", N(AverageActive(r))],
            ["Utilisateurs actifs sur le mois le plus actif", N(r.Monthly.Select(m => m.ActiveUsers).DefaultIfEmpty().Max())],
            ["Comptes activés / créés", total is null ? "0 / 0" : $"{N(total.Activated)} / {N(total.Created)} ({total.Percent} %)"],
        ], [0.7, 0.3]);

        var series = r.Daily.Count <= 31
            ? r.Daily.Select(d => (d.Start.ToString("dd/MM", Fr), d.ActiveUsers)).ToList()
            : r.Weekly.Select(d => (d.Start.ToString("dd/MM", Fr), d.ActiveUsers)).ToList();
        w.Text(r.Daily.Count <= 31 ? "Utilisateurs actifs par jour" : "Utilisateurs actifs par semaine (semaine du …)", w.Heading);
        w.VerticalBars(series, Brand);
        w.Text("Utilisateurs actifs par mois", w.Heading);
        w.Table(["Mois", "Utilisateurs actifs", "Actions"],
            r.Monthly.Select(m => new[] { m.Start.ToString("MMMM yyyy", Fr), N(m.ActiveUsers), N(m.Events) }).ToList(), [0.4, 0.3, 0.3]);

        w.Text("Comptes créés et activés par profil", w.Heading);
        w.Table(["Profil", "Créés", "Activés", "Taux"],
            r.Accounts.Select(a => new[] { a.Profile, N(a.Created), N(a.Activated), $"{a.Percent} %" }).ToList(), [0.4, 0.2, 0.2, 0.2]);

        w.Text("Connexions par heure", w.Heading);
        w.VerticalBars(r.LoginsByHour.Select((h, i) => ($"{i}h", h.Sum())).ToList(), Accent);
        w.Table(["Heure", .. r.LoginProfiles, "Total"],
            r.LoginsByHour.Select((h, i) => (h, i)).Where(x => x.h.Sum() > 0)
                .Select(x => new[] { $"{x.i:00} h" }.Concat(x.h.Select(N)).Append(N(x.h.Sum())).ToArray()).ToList(),
            [.. Enumerable.Repeat(1.0 / (r.LoginProfiles.Count + 2), r.LoginProfiles.Count + 2)]);

        w.Text("Activité par service", w.Heading);
        w.HorizontalBars(r.Services.Select(s => (s.Label, s.Events)).ToList(), Brand);
        w.Table(["Service", "Total", "Pages consultées", "Actions"],
            r.Services.Select(s => new[] { s.Label, N(s.Events), N(s.Views), N(s.Actions) }).ToList(), [0.4, 0.2, 0.2, 0.2]);

        var what = r.PlacesAreClasses ? "classes" : "écoles";
        w.Text($"Les {what} les plus actives", w.Heading);
        w.Table([r.PlacesAreClasses ? "Classe" : "École", "Actions", "Connexions"],
            r.Top.Select(p => new[] { p.Name, N(p.Events), N(p.Logins) }).ToList(), [0.6, 0.2, 0.2]);
        if (r.Least.Any())
        {
            w.Text($"Les {what} les moins actives", w.Heading);
            w.Table([r.PlacesAreClasses ? "Classe" : "École", "Actions", "Connexions"],
                r.Least.Select(p => new[] { p.Name, N(p.Events), N(p.Logins) }).ToList(), [0.6, 0.2, 0.2]);
        }
        w.Done();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static int AverageActive(UsageReportData r)
    {
        var active = r.Daily.Where(d => d.ActiveUsers > 0).ToList();
        return active.Count == 0 ? 0 : (int)Math.Round(active.Average(d => d.ActiveUsers));
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A cursor down A4 pages: starts a new page when the next block does not fit.</summary>
    private sealed class Writer(PdfDocument document)
    {
        public XFont Title { get; } = new(PdfFonts.Family, 16, XFontStyleEx.Bold);
        public XFont Heading { get; } = new(PdfFonts.Family, 12, XFontStyleEx.Bold);
        public XFont Body { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Regular);
        public XFont Small { get; } = new(PdfFonts.Family, 7, XFontStyleEx.Regular);

        private PdfPage? _page;
        private XGraphics? _gfx;
        private double _y;

        private double Width => _page!.Width.Point - 2 * Margin;

        private XGraphics Room(double height)
        {
            if (_gfx is null || _y + height > _page!.Height.Point - Margin)
            {
                _gfx?.Dispose();
                _page = document.AddPage();
                _page.Size = PageSize.A4;
                _gfx = XGraphics.FromPdfPage(_page);
                _y = Margin;
            }
            return _gfx;
        }

        public void Gap(double height) => _y += height;

        public void Text(string text, XFont font)
        {
            var height = font.Size * 1.5;
            // A heading keeps some room for what follows it on its page.
            var g = Room(font == Heading ? height + 80 : height);
            if (font == Heading)
            {
                _y += 6;
            }
            g.DrawString(text, font, XBrushes.Black, new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
            _y += height;
        }

        public void VerticalBars(IReadOnlyList<(string Label, int Value)> bars, XColor color)
        {
            const double height = 150;
            var g = Room(height + 30);
            var max = Math.Max(1, bars.Select(b => b.Value).DefaultIfEmpty().Max());
            var slot = Width / Math.Max(1, bars.Count);
            var baseline = _y + height;
            g.DrawLine(XPens.Gray, Margin, baseline, Margin + Width, baseline);
            var brush = new XSolidBrush(color);
            var everyLabel = Math.Max(1, (int)Math.Ceiling(bars.Count / 16.0));
            for (var i = 0; i < bars.Count; i++)
            {
                var (label, value) = bars[i];
                var barHeight = (height - 14) * value / max;
                var x = Margin + i * slot + slot * 0.15;
                if (value > 0)
                {
                    g.DrawRectangle(brush, x, baseline - barHeight, slot * 0.7, barHeight);
                    g.DrawString(N(value), Small, XBrushes.Black, new XRect(Margin + i * slot, baseline - barHeight - 10, slot, 10), XStringFormats.TopCenter);
                }
                if (i % everyLabel == 0)
                {
                    g.DrawString(label, Small, XBrushes.Black, new XRect(Margin + i * slot - slot, baseline + 2, slot * 3, 10), XStringFormats.TopCenter);
                }
            }
            _y = baseline + 18;
        }

        public void HorizontalBars(IReadOnlyList<(string Label, int Value)> bars, XColor color)
        {
            const double row = 14;
            var labelWidth = 150.0;
            var max = Math.Max(1, bars.Select(b => b.Value).DefaultIfEmpty().Max());
            var brush = new XSolidBrush(color);
            foreach (var (label, value) in bars)
            {
                var g = Room(row);
                var length = (Width - labelWidth - 60) * value / max;
                g.DrawString(label, Body, XBrushes.Black, new XRect(Margin, _y, labelWidth - 6, row), XStringFormats.TopLeft);
                g.DrawRectangle(brush, Margin + labelWidth, _y + 2, Math.Max(length, 0.5), row - 4);
                g.DrawString(N(value), Body, XBrushes.Black, new XRect(Margin + labelWidth + length + 4, _y, 60, row), XStringFormats.TopLeft);
                _y += row;
            }
            _y += 6;
        }

        public void Table(string[] headers, IReadOnlyList<string[]> rows, double[] widths)
        {
            const double row = 15;
            Room(row * Math.Min(3, rows.Count + 1));
            Row(headers, widths, bold: true);
            foreach (var cells in rows)
            {
                Row(cells, widths, bold: false);
            }
            if (rows.Count == 0)
            {
                Row(["Aucune donnée sur la période", .. Enumerable.Repeat("", headers.Length - 1)], widths, bold: false);
            }
            _y += 6;
        }

        private void Row(string[] cells, double[] widths, bool bold)
        {
            const double row = 15;
            var g = Room(row);
            var x = Margin;
            var font = bold ? new XFont(PdfFonts.Family, 9, XFontStyleEx.Bold) : new XFont(PdfFonts.Family, 9, XFontStyleEx.Regular);
            for (var i = 0; i < cells.Length; i++)
            {
                var width = Width * widths[Math.Min(i, widths.Length - 1)];
                g.DrawString(Fit(g, cells[i], font, width - 4), font, XBrushes.Black, new XRect(x + 2, _y + 2, width - 4, row), XStringFormats.TopLeft);
                x += width;
            }
            g.DrawLine(XPens.LightGray, Margin, _y + row, Margin + Width, _y + row);
            _y += row;
        }

        private static string Fit(XGraphics g, string text, XFont font, double width)
        {
            if (g.MeasureString(text, font).Width <= width)
            {
                return text;
            }
            while (text.Length > 1 && g.MeasureString(text + "…", font).Width > width)
            {
                text = text[..^1];
            }
            return text + "…";
        }

        public void Done() => _gfx?.Dispose();
    }
}
