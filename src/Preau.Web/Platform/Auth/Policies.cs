using Microsoft.AspNetCore.Authorization;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Platform.Auth;

/// <summary>
/// Named policies. Every page and endpoint names one of them (or AllowAnonymous); the fallback policy
/// denies whatever forgot to, and a test enumerates endpoints to prove none relies on it.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in person; object-level checks happen in the page through <see cref="AccessContext"/>.</summary>
    public const string SignedIn = "SignedIn";
    public const string TerritoryAdmin = "TerritoryAdmin";
    /// <summary>Administrators and level-2 support: technical administration and audit.</summary>
    public const string Operators = "Operators";
    /// <summary>Staff who manage a school or class: directors, teachers, school staff, administrators.</summary>
    public const string SchoolStaff = "SchoolStaff";

    public static void AddPreauPolicies(this AuthorizationBuilder auth)
    {
        auth.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        auth.AddPolicy(TerritoryAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(Role.TerritoryAdmin)));
        auth.AddPolicy(Operators, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(Role.TerritoryAdmin, Role.Level2Support)));
        auth.AddPolicy(SchoolStaff, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(Role.TerritoryAdmin, Role.Director, Role.Teacher, Role.SchoolStaff)));
        auth.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}

public sealed class RoleRequirement(params Role[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<Role> Roles { get; } = roles;
}

internal sealed class RoleRequirementHandler(IHttpContextAccessor http) : AuthorizationHandler<RoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        var services = http.HttpContext?.RequestServices;
        if (services is null || context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        var access = await services.GetRequiredService<AccessContext>().GetAsync();
        if (requirement.Roles.Any(access.HasRole))
        {
            context.Succeed(requirement);
        }
    }
}
