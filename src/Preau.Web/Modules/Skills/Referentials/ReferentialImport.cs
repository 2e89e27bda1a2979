using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Skills.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Skills.Referentials;

public sealed record ParsedItem(string Code, string Label, IReadOnlyList<string> Details);
public sealed record ParsedDomain(string Code, string Label, IReadOnlyList<ParsedItem> Items);
public sealed record ParsedReferential(string Code, string Name, string? Edition, int Order, int? TotalPercent, int? DomainPercent, IReadOnlyList<ParsedDomain> Domains);
public sealed record ImportSummary(string Code, int Version, int Added, int Updated, int Retired, int Restored);

/// <summary>
/// Reads a referential JSON (the format of the shipped files) and applies it: items are matched by their stable
/// code; an item absent from the new file is retired, never deleted, so that pupils' sheets keep their history.
/// </summary>
public sealed partial class ReferentialImport(PreauDbContext db, TimeProvider time)
{
    private const int MaxBytes = 512 * 1024;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex CodePattern();

    /// <summary>The parsed referential, or the list of French errors (all of them, so that one fix round is enough).</summary>
    public static (ParsedReferential? Referential, IReadOnlyList<string> Errors) Parse(byte[] json)
    {
        if (json.Length == 0)
        {
            return (null, ["Le fichier est vide."]);
        }
        if (json.Length > MaxBytes)
        {
            return (null, ["Le fichier est trop gros (512 Ko au plus)."]);
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? $" (ligne {l + 1})" : "";
            return (null, [$"Le fichier n'est pas un JSON valide{line}."]);
        }
        using (doc)
        {
            var errors = new List<string>();
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ["Le fichier doit contenir un objet JSON avec « code », « nom » et « domaines »."]);
            }
            var code = Text(root, "code", "le référentiel", 40, errors);
            if (code is not null && !CodePattern().IsMatch(code))
            {
                errors.Add($"Le code du référentiel « {code} » ne doit contenir que des lettres, chiffres, points, tirets (40 caractères au plus).");
            }
            var name = Text(root, "nom", "le référentiel", 200, errors);
            var edition = OptionalText(root, "edition", 40, "l'édition du référentiel", errors);
            var order = root.TryGetProperty("ordre", out var o) && o.ValueKind == JsonValueKind.Number && o.TryGetInt32(out var ov) ? ov : 100;
            int? total = null, perDomain = null;
            if (root.TryGetProperty("attestation", out var att) && att.ValueKind != JsonValueKind.Null)
            {
                total = Percent(att, "pourcentageTotal", errors);
                perDomain = Percent(att, "pourcentageParDomaine", errors);
            }
            var domains = new List<ParsedDomain>();
            var itemCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var domainCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (!root.TryGetProperty("domaines", out var ds) || ds.ValueKind != JsonValueKind.Array || ds.GetArrayLength() == 0)
            {
                errors.Add("Il manque la liste « domaines » (au moins un domaine).");
            }
            else
            {
                var dn = 0;
                foreach (var d in ds.EnumerateArray())
                {
                    dn++;
                    var where = $"le domaine n° {dn}";
                    if (d.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add($"Le domaine n° {dn} doit être un objet.");
                        continue;
                    }
                    var dcode = CheckedCode(d, where, domainCodes, "de domaine", errors);
                    var dlabel = Text(d, "intitule", where, 300, errors);
                    var items = new List<ParsedItem>();
                    if (!d.TryGetProperty("items", out var its) || its.ValueKind != JsonValueKind.Array || its.GetArrayLength() == 0)
                    {
                        errors.Add($"Il manque la liste « items » dans {where} (au moins un item).");
                    }
                    else
                    {
                        var n = 0;
                        foreach (var it in its.EnumerateArray())
                        {
                            n++;
                            var iwhere = $"l'item n° {n} du domaine n° {dn}";
                            if (it.ValueKind != JsonValueKind.Object)
                            {
                                errors.Add($"L'item n° {n} du domaine n° {dn} doit être un objet.");
                                continue;
                            }
                            var icode = CheckedCode(it, iwhere, itemCodes, "d'item", errors);
                            var ilabel = Text(it, "intitule", iwhere, 500, errors);
                            var details = new List<string>();
                            if (it.TryGetProperty("details", out var det) && det.ValueKind != JsonValueKind.Null)
                            {
                                if (det.ValueKind != JsonValueKind.Array || det.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                                {
                                    errors.Add($"« details » de {iwhere} doit être une liste de textes.");
                                }
                                else
                                {
                                    details.AddRange(det.EnumerateArray().Select(x => x.GetString()!.ReplaceLineEndings(" ").Trim()).Where(x => x.Length > 0));
                                    if (string.Join('\n', details).Length > 4000)
                                    {
                                        errors.Add($"« details » de {iwhere} est trop long (4 000 caractères au plus).");
                                    }
                                }
                            }
                            if (icode is not null && ilabel is not null)
                            {
                                items.Add(new ParsedItem(icode, ilabel, details));
                            }
                        }
                    }
                    if (dcode is not null && dlabel is not null)
                    {
                        domains.Add(new ParsedDomain(dcode, dlabel, items));
                    }
                }
            }
            return errors.Count > 0 || code is null || name is null
                ? (null, errors)
                : (new ParsedReferential(code, name, edition, order, total, perDomain, domains), []);
        }
    }

    private static string? CheckedCode(JsonElement e, string where, HashSet<string> seen, string kind, List<string> errors)
    {
        var code = Text(e, "code", where, 40, errors);
        if (code is null)
        {
            return null;
        }
        if (!CodePattern().IsMatch(code))
        {
            errors.Add($"Le code « {code} » de {where} ne doit contenir que des lettres, chiffres, points, tirets (40 caractères au plus).");
            return null;
        }
        if (!seen.Add(code))
        {
            errors.Add($"Le code {kind} « {code} » apparaît deux fois : chaque code doit être unique.");
            return null;
        }
        return code;
    }

    private static string? Text(JsonElement e, string property, string where, int max, List<string> errors)
    {
        if (!e.TryGetProperty(property, out var v) || v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString()))
        {
            errors.Add($"Il manque « {property} » dans {where}.");
            return null;
        }
        var s = v.GetString()!.Trim();
        if (s.Length > max)
        {
            errors.Add($"« {property} » de {where} est trop long ({max} caractères au plus).");
            return null;
        }
        return s;
    }

    private static string? OptionalText(JsonElement e, string property, int max, string what, List<string> errors)
    {
        if (!e.TryGetProperty(property, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || v.GetString()!.Trim().Length > max)
        {
            errors.Add($"{char.ToUpperInvariant(what[0])}{what[1..]} doit être un texte de {max} caractères au plus.");
            return null;
        }
        return v.GetString()!.Trim();
    }

    private static int? Percent(JsonElement att, string property, List<string> errors)
    {
        if (att.ValueKind == JsonValueKind.Object && att.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number
            && v.TryGetInt32(out var p) && p is >= 1 and <= 100)
        {
            return p;
        }
        errors.Add($"« attestation.{property} » doit être un nombre entier entre 1 et 100.");
        return null;
    }

    /// <summary>Applies a parsed referential in one transaction (one SaveChanges).</summary>
    public async Task<ImportSummary> ApplyAsync(ParsedReferential r, string? importedBy, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.SkillsReferentials.FirstOrDefaultAsync(x => x.Code == r.Code, ct);
        var version = 1;
        if (existing is null)
        {
            db.SkillsReferentials.Add(existing = new Referential { Code = r.Code, Name = r.Name });
        }
        else
        {
            version = existing.Version + 1;
        }
        existing.Name = r.Name;
        existing.Edition = r.Edition;
        existing.Order = r.Order;
        existing.Version = version;
        existing.ImportedAt = now;
        existing.ImportedBy = importedBy;
        existing.AttestationTotalPercent = r.TotalPercent;
        existing.AttestationDomainPercent = r.DomainPercent;

        var domains = await db.SkillsDomains.Where(d => d.ReferentialCode == r.Code).ToListAsync(ct);
        var items = await db.SkillsItems.Where(i => i.ReferentialCode == r.Code).ToListAsync(ct);
        var domainByCode = domains.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var itemByCode = items.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        int added = 0, updated = 0, restored = 0, order = 0;
        var kept = new HashSet<Guid>();
        for (var dn = 0; dn < r.Domains.Count; dn++)
        {
            var pd = r.Domains[dn];
            if (!domainByCode.TryGetValue(pd.Code, out var domain))
            {
                db.SkillsDomains.Add(domain = new Domain { ReferentialCode = r.Code, Code = pd.Code, Label = pd.Label });
            }
            domain.Label = pd.Label;
            domain.Order = dn;
            domain.Retired = false;
            kept.Add(domain.Id);
            foreach (var pi in pd.Items)
            {
                var details = string.Join('\n', pi.Details);
                if (!itemByCode.TryGetValue(pi.Code, out var item))
                {
                    db.SkillsItems.Add(item = new Item { ReferentialCode = r.Code, Code = pi.Code, Label = pi.Label, Details = details });
                    added++;
                }
                else
                {
                    if (item.Retired)
                    {
                        restored++;
                    }
                    else if (item.Label != pi.Label || item.Details != details || item.DomainId != domain.Id)
                    {
                        updated++;
                    }
                }
                item.Label = pi.Label;
                item.Details = details;
                item.DomainId = domain.Id;
                item.Order = order++;
                item.Retired = false;
                item.RetiredInVersion = null;
                kept.Add(item.Id);
            }
        }
        var retired = 0;
        foreach (var item in items.Where(i => !kept.Contains(i.Id) && !i.Retired))
        {
            item.Retired = true;
            item.RetiredInVersion = version;
            retired++;
        }
        foreach (var domain in domains.Where(d => !kept.Contains(d.Id)))
        {
            domain.Retired = true;
        }
        await db.SaveChangesAsync(ct);
        return new ImportSummary(r.Code, version, added, updated, retired, restored);
    }
}

/// <summary>
/// Loads the shipped referentials the first time skills are used on a database that has none of them; once
/// seen, the check is not repeated by this process (one flag per application, not per process, for tests).
/// </summary>
public sealed class ShippedReferentials
{
    private static readonly string[] Files = ["b2i-ecole", "crcn"];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        if (_done)
        {
            return;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_done)
            {
                return;
            }
            var db = services.GetRequiredService<PreauDbContext>();
            var present = await db.SkillsReferentials.Select(r => r.Code).ToListAsync(ct);
            foreach (var file in Files.Where(f => !present.Contains(f)))
            {
                var (parsed, errors) = ReferentialImport.Parse(Read(file));
                if (parsed is null)
                {
                    throw new InvalidOperationException($"Shipped referential {file} is invalid: {string.Join(" ", errors)}");
                }
                await services.GetRequiredService<ReferentialImport>().ApplyAsync(parsed, null, ct);
            }
            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static byte[] Read(string file)
    {
        using var stream = typeof(ShippedReferentials).Assembly.GetManifestResourceStream($"Preau.Skills.{file}.json")
            ?? throw new InvalidOperationException($"Missing embedded referential {file}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
