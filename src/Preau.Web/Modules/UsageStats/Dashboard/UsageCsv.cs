using System.Globalization;
using System.Text;

namespace Preau.Web.Modules.UsageStats.Dashboard;

/// <summary>Every table of a dashboard as a CSV for French Excel: UTF-8 with BOM, « ; » separator.</summary>
public static class UsageCsv
{
    public static readonly IReadOnlyList<string> Tables = ["comptes", "actifs-jour", "actifs-semaine", "actifs-mois", "connexions-heure", "services", "actions", "lieux"];

    public static byte[]? Write(UsageReportData r, string table)
    {
        var rows = new List<IEnumerable<string>>();
        switch (table)
        {
            case "comptes":
                rows.Add(["Profil", "Comptes créés", "Comptes activés", "Taux d'activation (%)"]);
                rows.AddRange(r.Accounts.Select(a => new[] { a.Profile, N(a.Created), N(a.Activated), N(a.Percent) }));
                break;
            case "actifs-jour":
            case "actifs-semaine":
            case "actifs-mois":
                rows.Add([table == "actifs-jour" ? "Jour" : table == "actifs-semaine" ? "Semaine du" : "Mois", "Utilisateurs actifs", "Actions"]);
                var list = table == "actifs-jour" ? r.Daily : table == "actifs-semaine" ? r.Weekly : r.Monthly;
                rows.AddRange(list.Select(d => new[] { D(d.Start), N(d.ActiveUsers), N(d.Events) }));
                break;
            case "connexions-heure":
                rows.Add(["Heure", .. r.LoginProfiles, "Total"]);
                rows.AddRange(r.LoginsByHour.Select((h, i) => new[] { $"{i:00} h" }.Concat(h.Select(N)).Append(N(h.Sum()))));
                break;
            case "services":
                rows.Add(["Service", "Total", "Pages consultées", "Actions"]);
                rows.AddRange(r.Services.Select(s => new[] { s.Label, N(s.Events), N(s.Views), N(s.Actions) }));
                break;
            case "actions":
                rows.Add(["Service", "Action", "Nombre"]);
                rows.AddRange(r.Actions.Select(a => new[] { Capture.UsageCatalog.ServiceLabel(a.Service), a.Label, N(a.Events) }));
                break;
            case "lieux":
                rows.Add([r.PlacesAreClasses ? "Classe" : "École", "Actions", "Connexions"]);
                rows.AddRange(r.Places.Select(p => new[] { p.Name, N(p.Events), N(p.Logins) }));
                break;
            default:
                return null;
        }
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Append(string.Join(';', row.Select(Cell))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A CSV cell: quoted when needed; a leading formula character is neutralised (CSV injection in Excel).</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
