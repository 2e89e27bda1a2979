using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.Web.Modules.Accounts;

/// <summary>
/// Hashes first passwords printed on login letters: still salted PBKDF2 (Identity's format), with fewer
/// iterations so that a school's letters print in seconds on a small server. The first successful login
/// re-hashes the password with the full cost (Identity sees the lower iteration count and upgrades it),
/// and adults replace theirs at once. Decision: docs/adr/0005-provisional-password-hashing.md.
/// </summary>
public sealed class ProvisionalPasswordHasher()
    : PasswordHasher<PreauUser>(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }))
{
    public const int Iterations = 10_000;
}
