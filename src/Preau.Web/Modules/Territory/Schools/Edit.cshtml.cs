using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory.Schools;

[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class EditModel(PreauDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid? Id { get; private set; }
    public bool IsArchived { get; private set; }
    public IReadOnlyList<Option> Districts { get; private set; } = [];
    public IReadOnlyList<Option> Authorities { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    public sealed record Option(Guid Id, string Name);

    public sealed class InputModel
    {
        public string? Uai { get; set; }
        public string? Name { get; set; }
        public SchoolType Type { get; set; } = SchoolType.Primaire;
        public Guid? DistrictId { get; set; }
        public Guid? LocalAuthorityId { get; set; }
        public string? Address { get; set; }
        public string? PostalCode { get; set; }
        public string? City { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (id is not null)
        {
            var school = await db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id);
            if (school is null)
            {
                return NotFound();
            }
            Id = school.Id;
            IsArchived = school.IsArchived;
            Input = new InputModel
            {
                Uai = school.Uai, Name = school.Name, Type = school.Type, DistrictId = school.DistrictId, LocalAuthorityId = school.LocalAuthorityId,
                Address = school.Address, PostalCode = school.PostalCode, City = school.City,
            };
        }
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        School? school = null;
        if (id is not null)
        {
            school = await db.Schools.FirstOrDefaultAsync(s => s.Id == id);
            if (school is null)
            {
                return NotFound();
            }
            Id = school.Id;
            IsArchived = school.IsArchived;
        }
        var uai = Uai.Normalize(Input.Uai);
        var name = Input.Name?.Trim() ?? "";
        await ValidateAsync(uai, name, school);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            return Page();
        }
        if (school is null)
        {
            school = new School { Uai = uai, Name = name };
            db.Schools.Add(school);
        }
        school.Uai = uai;
        school.Name = name;
        school.Type = Input.Type;
        school.DistrictId = Input.DistrictId!.Value;
        school.LocalAuthorityId = Input.LocalAuthorityId!.Value;
        school.Address = Clean(Input.Address);
        school.PostalCode = Clean(Input.PostalCode);
        school.City = Clean(Input.City);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            var schoolId = school.Id;
            if (!await db.Schools.AsNoTracking().AnyAsync(s => s.Uai == uai && s.Id != schoolId))
            {
                throw;
            }
            // Another administrator saved the same UAI in between: same kind of message as the check above.
            ModelState.AddModelError("Input.Uai", l["Le code UAI {0} est déjà utilisé par une autre école.", uai]);
            await LoadChoicesAsync();
            return Page();
        }
        Saved = l["École « {0} » enregistrée.", name];
        return Redirect($"/admin/ecoles/{school.Id}");
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, bool archive)
    {
        var school = await db.Schools.FirstOrDefaultAsync(s => s.Id == id);
        if (school is null)
        {
            return NotFound();
        }
        school.IsArchived = archive;
        await db.SaveChangesAsync();
        Saved = archive ? l["École « {0} » archivée.", school.Name] : l["École « {0} » rétablie.", school.Name];
        return Redirect($"/admin/ecoles/{id}");
    }

    /// <summary>The message for a wrong UAI, with the expected check letter when the seven digits are well formed.</summary>
    internal static string? UaiProblem(string uai, IStringLocalizer l)
    {
        if (uai.Length == 0)
        {
            return l["Le code UAI est obligatoire."];
        }
        if (Uai.IsValid(uai))
        {
            return null;
        }
        return uai.Length >= 7 && uai[..7].All(char.IsAsciiDigit)
            ? l["Le code UAI {0} n'est pas valide : 7 chiffres suivis de la lettre de contrôle (ici « {1} »).", uai, Uai.CheckLetter(uai[..7])]
            : l["Le code UAI {0} n'est pas valide : 7 chiffres suivis de la lettre de contrôle.", uai];
    }

    private async Task ValidateAsync(string uai, string name, School? school)
    {
        if (UaiProblem(uai, l) is { } problem)
        {
            ModelState.AddModelError("Input.Uai", problem);
        }
        else
        {
            var other = await db.Schools.AsNoTracking().Where(s => s.Uai == uai && s.Id != Id).Select(s => s.Name).FirstOrDefaultAsync();
            if (other is not null)
            {
                ModelState.AddModelError("Input.Uai", l["Le code UAI {0} est déjà celui de l'école « {1} ».", uai, other]);
            }
        }
        if (name.Length is 0 or > 200)
        {
            ModelState.AddModelError("Input.Name", l["Le nom est obligatoire (200 caractères au plus)."]);
        }
        if (!Enum.IsDefined(Input.Type))
        {
            ModelState.AddModelError("Input.Type", l["Choisissez le type d'école."]);
        }
        // An archived structure stays acceptable for a school that already belongs to it.
        if (Input.DistrictId is not { } districtId
            || !await db.Districts.AnyAsync(d => d.Id == districtId && (!d.IsArchived || (school != null && school.DistrictId == districtId))))
        {
            ModelState.AddModelError("Input.DistrictId", l["Choisissez la circonscription de l'école."]);
        }
        if (Input.LocalAuthorityId is not { } authorityId
            || !await db.LocalAuthorities.AnyAsync(a => a.Id == authorityId && (!a.IsArchived || (school != null && school.LocalAuthorityId == authorityId))))
        {
            ModelState.AddModelError("Input.LocalAuthorityId", l["Choisissez la collectivité de l'école."]);
        }
        if (Input.Address is { Length: > 300 })
        {
            ModelState.AddModelError("Input.Address", l["L'adresse compte 300 caractères au plus."]);
        }
        if (Input.PostalCode is { } postal && postal.Trim().Length > 0 && !(postal.Trim().Length == 5 && postal.Trim().All(char.IsAsciiDigit)))
        {
            ModelState.AddModelError("Input.PostalCode", l["Le code postal compte 5 chiffres."]);
        }
        if (Input.City is { Length: > 100 })
        {
            ModelState.AddModelError("Input.City", l["La ville compte 100 caractères au plus."]);
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task LoadChoicesAsync()
    {
        Districts = await db.Districts.AsNoTracking().Where(d => !d.IsArchived || d.Id == Input.DistrictId)
            .OrderBy(d => d.Name).Select(d => new Option(d.Id, d.Name)).ToListAsync();
        Authorities = await db.LocalAuthorities.AsNoTracking().Where(a => !a.IsArchived || a.Id == Input.LocalAuthorityId)
            .OrderBy(a => a.Name).Select(a => new Option(a.Id, a.Name)).ToListAsync();
    }
}
