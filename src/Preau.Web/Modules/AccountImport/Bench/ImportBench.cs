using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.AccountImport.Onde;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;

namespace Preau.Web.Modules.AccountImport.Bench;

/// <summary>
/// `bench import --schools 245 [--seed 1]`: builds a département-sized set of ONDE extractions (about 70
/// pupils per school, 1.8 guardians per family, siblings) in memory, in the exact current ONDE layout,
/// and imports every school through the real import, one transaction per school, printing the timings.
/// Deterministic for a seed. Meant for an empty database (it creates its own schools).
/// </summary>
internal static class ImportBench
{
    private static readonly string[] First = ["Emma", "Louise", "Jade", "Alice", "Chloé", "Lina", "Léa", "Rose", "Anna", "Inès", "Zoé", "Ambre", "Gabriel", "Raphaël", "Louis", "Arthur", "Jules", "Adam", "Hugo", "Maël", "Lucas", "Paul", "Noah", "Sacha", "Tom", "Éthan", "Nolan", "Timéo", "Léon", "Mila"];
    private static readonly string[] Adults = ["Isabelle", "Nathalie", "Sandrine", "Céline", "Aurélie", "Stéphanie", "Émilie", "Caroline", "Nicolas", "Sébastien", "Julien", "Christophe", "Frédéric", "Olivier", "Jérôme", "Mathieu", "Cédric", "David"];
    private static readonly string[] Last = ["MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "LEROY", "MOREAU", "SIMON", "LAURENT", "LEFÈVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRÉ", "MERCIER", "DUPONT", "LAMBERT", "BONNET", "FRANÇOIS", "LEGRAND", "GARNIER", "FAURE", "ROUSSEAU", "BLANC", "GUÉRIN", "MULLER", "HENRY", "PERRIN", "MORIN", "CLÉMENT", "GAUTHIER", "DUMONT", "FONTAINE", "CHEVALIER", "ROBIN", "MASSON", "NGUYEN", "BOYER", "DENIS", "LEMAIRE", "DUVAL", "JOLY"];
    private static readonly (string Level, int Age)[] LevelsByAge = [("PS", 3), ("MS", 4), ("GS", 5), ("CP", 6), ("CE1", 7), ("CE2", 8), ("CM1", 9), ("CM2", 10)];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
        var seed = Option("--seed", 1);
        // Each seed has INE numbers of its own: a second run with another seed adds pupils instead of moving the first run's.
        var firstIne = 1 + (Math.Clamp(seed, 1, 9_999) - 1) * 100_000;
        await ImportTerritoryAsync(services, Option("--schools", 245), new Random(seed), output, ct, firstIne);
        return 0;
    }

    /// <summary>Creates <paramref name="schoolCount"/> schools and imports a generated ONDE extraction into each; answers the schools.</summary>
    public static async Task<List<Guid>> ImportTerritoryAsync(IServiceProvider services, int schoolCount, Random random, TextWriter output, CancellationToken ct = default, int firstIne = 1)
    {
        var schools = await CreateSchoolsAsync(services, schoolCount, ct);
        output.WriteLine($"{schoolCount} écoles créées ; génération et import des extractions ONDE…");

        var total = Stopwatch.StartNew();
        var parse = TimeSpan.Zero;
        int pupils = 0, guardians = 0, links = 0;
        var ine = firstIne;
        for (var s = 0; s < schools.Count; s++)
        {
            var (pupilsCsv, guardiansCsv) = Generate(random, ref ine);
            using var scope = services.CreateScope();
            var import = scope.ServiceProvider.GetRequiredService<OndeImport>();
            var watch = Stopwatch.StartNew();
            var report = await import.RunAsync(schools[s], new MemoryStream(pupilsCsv), new MemoryStream(guardiansCsv), apply: true, actorId: null, ct);
            parse += watch.Elapsed;
            pupils += report.Pupils.Created;
            guardians += report.Guardians.Created;
            links += report.Links.Created;
            if ((s + 1) % 25 == 0 || s + 1 == schools.Count)
            {
                output.WriteLine($"  {s + 1}/{schools.Count} écoles — {pupils} élèves, {guardians} responsables — {total.Elapsed.TotalSeconds:F1} s");
            }
        }
        output.WriteLine($"Import du territoire : {schools.Count} écoles, {pupils} élèves, {guardians} responsables, {links} liens en {total.Elapsed.TotalSeconds:F1} s ({pupils / Math.Max(total.Elapsed.TotalSeconds, 0.001):F0} élèves/s).");
        return schools;
    }

    private static async Task<List<Guid>> CreateSchoolsAsync(IServiceProvider services, int count, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        if (!await db.SchoolYears.AnyAsync(y => y.IsCurrent, ct))
        {
            db.SchoolYears.Add(DemoSeeder.CurrentYear(Platform.Time.ParisDate.Today(time)));
        }
        var districts = Enumerable.Range(1, 8).Select(i => new District { Name = $"Circonscription banc d'essai {i}" }).ToList();
        db.Districts.AddRange(districts);
        var ids = new List<Guid>();
        var start = 9_000_000 - count - (await db.Schools.CountAsync(ct));
        for (var i = 0; i < count; i++)
        {
            var commune = new LocalAuthority { Name = $"Commune banc d'essai {i + 1}", Kind = LocalAuthorityKind.Municipality };
            db.LocalAuthorities.Add(commune);
            var school = new School
            {
                Uai = Uai.Complete((start + i).ToString("D7", CultureInfo.InvariantCulture)),
                Name = $"École banc d'essai {i + 1}",
                Type = SchoolType.Primaire,
                LocalAuthorityId = commune.Id,
                DistrictId = districts[i % districts.Count].Id,
            };
            db.Schools.Add(school);
            ids.Add(school.Id);
        }
        await db.SaveChangesAsync(ct);
        return ids;
    }

    /// <summary>One school's two extractions (Windows-1252, quoted, CRLF, as ONDE writes them).</summary>
    private static (byte[] Pupils, byte[] Guardians) Generate(Random random, ref int ine)
    {
        var pupils = new StringBuilder("\"Nom élève\";\"Nom d'usage élève\";\"Prénom élève\";\"Date naissance\";\"Sexe\";\"INE\";\" Cycle\";\"Niveau\";\"Libellé classe\";\"Identifiant classe\";\"Autorisation associations\";\"Autorisation photo\"\r\n");
        var guardians = new StringBuilder("\"Civilité Responsable\";\"Nom responsable\";\"Prénom responsable\";\"Courriel\";\"Téléphone portable\";\"Nom de famille enfant\";\"Prénom enfant\";\"Classes enfants\";\"Nom de famille enfant\";\"Prénom enfant\";\"Classes enfants\"\r\n");
        var classCount = 2 + random.Next(4);
        var firstClassId = 4_000_000 + ine;
        var classes = Enumerable.Range(0, classCount).Select(c => (Name: $"Classe {c + 1}", Id: (firstClassId + c).ToString(CultureInfo.InvariantCulture), Level: LevelsByAge[(c * 8 / classCount) % 8])).ToList();
        var year = 2026;
        var pupilCount = 50 + random.Next(40);
        var used = new HashSet<string>();
        for (var p = 0; p < pupilCount;)
        {
            var last = Last[random.Next(Last.Length)];
            var children = random.Next(5) == 0 ? 2 : 1;
            var family = new List<(string First, string Class)>();
            for (var c = 0; c < children && p < pupilCount; c++, p++)
            {
                var first = First[random.Next(First.Length)];
                if (!used.Add(last + first))
                {
                    continue;
                }
                var cls = classes[random.Next(classes.Count)];
                var birth = new DateOnly(year - cls.Level.Age, 1 + random.Next(12), 1 + random.Next(28));
                pupils.Append(CultureInfo.InvariantCulture, $"\"{last}\";\"\";\"{first}\";\"{birth:yyyy-MM-dd}\";\"{(random.Next(2) == 0 ? "F" : "M")}\";\"{ine++.ToString("D10", CultureInfo.InvariantCulture)}A\";\"CYCLE II\";\"{cls.Level.Level}\";\"{cls.Name}\";\"{cls.Id}\";\"Oui\";\"{(random.Next(15) == 0 ? "Non" : "Oui")}\"\r\n");
                family.Add((first, cls.Name));
            }
            if (family.Count == 0)
            {
                continue;
            }
            var guardianCount = random.Next(10) < 8 ? 2 : 1;
            for (var g = 0; g < guardianCount; g++)
            {
                var adult = Adults[random.Next(Adults.Length)];
                guardians.Append(CultureInfo.InvariantCulture, $"\"{(g == 0 ? "MME" : "M.")}\";\"{last}\";\"{adult}\";\"\";\"06{random.Next(10_000_000, 99_999_999)}\"");
                foreach (var (first, cls) in family.Take(2))
                {
                    guardians.Append(CultureInfo.InvariantCulture, $";\"{last}\";\"{first}\";\"{cls}\"");
                }
                if (family.Count == 1)
                {
                    guardians.Append(";\"\";\"\";\"\"");
                }
                guardians.Append("\r\n");
            }
        }
        var cp1252 = Encoding.Latin1;
        return (cp1252.GetBytes(pupils.ToString()), cp1252.GetBytes(guardians.ToString()));
    }
}
