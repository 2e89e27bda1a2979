using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Preau.Web.Modules.Skills.Data;
using Preau.Web.Platform.Pdf;

namespace Preau.Web.Modules.Skills.Sheet;

/// <summary>A pupil's sheet on A4 pages: each referential, its attestation, each item with its state, date and validator.</summary>
internal static class SheetPdf
{
    private const double Margin = 50;

    public static byte[] Render(SheetView sheet, string printedOn)
    {
        PdfFonts.EnsureInstalled();
        var document = new PdfDocument();
        document.Info.Title = $"Compétences numériques — {sheet.Pupil.Name}";
        document.Info.Creator = "Préau";
        var w = new Writer(document);
        w.Line($"Compétences numériques — {sheet.Pupil.Name}", w.Title, 6);
        w.Line($"Feuille de position éditée le {printedOn}", w.Small, 10);
        foreach (var r in sheet.Referentials)
        {
            var title = r.Referential.Edition is null ? r.Referential.Name : $"{r.Referential.Name} ({r.Referential.Edition})";
            w.Line(title, w.Heading, 4);
            if (r.HasAttestation)
            {
                var att = AttestationRule.Compute(r, i => sheet.StateOf(i) == SkillState.Acquired);
                w.Line(att.Attested
                    ? $"Attestation obtenue : {att.Acquired} items acquis sur {att.Total}."
                    : $"Attestation non obtenue : {att.Acquired} items acquis sur {att.Total} (il faut {r.Referential.AttestationTotalPercent} % des items, et {r.Referential.AttestationDomainPercent} % dans chaque domaine).",
                    w.Body, 4);
            }
            foreach (var d in r.Domains)
            {
                w.Line(d.Domain.Label, w.Bold, 2);
                foreach (var item in d.Items)
                {
                    var state = sheet.StateOf(item.Id);
                    var text = $"{item.Code}  {item.Label} — {SkillText.State(state)}";
                    if (state != SkillState.NotAssessed && sheet.Validations.TryGetValue(item.Id, out var v))
                    {
                        text += $" le {SkillText.Day(v.ChangedAt)} par {v.TeacherName}";
                    }
                    w.Line(text, w.Body, 1, indent: 12);
                }
                w.Space(4);
            }
            w.Space(8);
        }
        w.Finish();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Writes wrapped lines top to bottom, opening a new page when the current one is full.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument _document;
        private XGraphics _gfx = null!;
        private PdfPage _page = null!;
        private double _y;

        public XFont Title { get; } = new(PdfFonts.Family, 15, XFontStyleEx.Bold);
        public XFont Heading { get; } = new(PdfFonts.Family, 13, XFontStyleEx.Bold);
        public XFont Bold { get; } = new(PdfFonts.Family, 10.5, XFontStyleEx.Bold);
        public XFont Body { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Regular);
        public XFont Small { get; } = new(PdfFonts.Family, 8.5, XFontStyleEx.Regular);

        public Writer(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = _document.AddPage();
            _page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        public void Finish() => _gfx.Dispose();

        public void Space(double points) => _y += points;

        public void Line(string text, XFont font, double after, double indent = 0)
        {
            var width = _page.Width.Point - 2 * Margin - indent;
            var height = font.GetHeight();
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                {
                    Draw(line, font, indent, height);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0)
            {
                Draw(line, font, indent, height);
            }
            _y += after;
        }

        private void Draw(string line, XFont font, double indent, double height)
        {
            if (_y + height > _page.Height.Point - Margin)
            {
                NewPage();
            }
            _gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin + indent, _y, _page.Width.Point - 2 * Margin - indent, height), XStringFormats.TopLeft);
            _y += height;
        }
    }
}
