using Preau.Web.Modules.Skills;
using Preau.Web.Modules.Skills.Data;

namespace Preau.Tests.Skills;

public sealed class AttestationRuleTests
{
    /// <summary>Domains of the given sizes under the B2i rule (80 % overall, 50 % in each domain).</summary>
    private static ReferentialView Referential(params int[] sizes)
    {
        var r = new Referential { Code = "t", Name = "t", AttestationTotalPercent = 80, AttestationDomainPercent = 50 };
        var domains = sizes.Select((n, d) =>
        {
            var domain = new Domain { ReferentialCode = "t", Code = $"D{d}", Label = $"D{d}" };
            return new DomainView(domain, [.. Enumerable.Range(0, n).Select(i => new Item { ReferentialCode = "t", Code = $"{d}.{i}", Label = "x", DomainId = domain.Id })]);
        }).ToList();
        return new ReferentialView(r, domains);
    }

    /// <summary>acquired[d] = how many items of domain d are acquired (the first ones).</summary>
    [Theory]
    [InlineData(new[] { 2, 2, 2, 2, 2 }, new[] { 2, 2, 2, 1, 1 }, true)]   // exactly 80 %, two domains at exactly 50 %
    [InlineData(new[] { 2, 2, 2, 2, 2 }, new[] { 2, 2, 2, 2, 0 }, false)]  // exactly 80 %, one domain at 0 %
    [InlineData(new[] { 2, 2, 2, 2, 2 }, new[] { 2, 1, 2, 1, 1 }, false)]  // 70 %, every domain at 50 % or more
    [InlineData(new[] { 1, 1, 2, 3, 1 }, new[] { 1, 1, 2, 2, 1 }, true)]   // the B2i école: 7 / 8
    [InlineData(new[] { 1, 1, 2, 3, 1 }, new[] { 1, 1, 2, 3, 0 }, false)]  // the B2i école: 7 / 8 but « Communiquer » missing
    [InlineData(new[] { 1, 1, 2, 3, 1 }, new[] { 1, 1, 1, 2, 1 }, false)]  // the B2i école: 6 / 8 = 75 %
    public void Attestation_FollowsTheEightyAndFiftyPercentRule(int[] sizes, int[] acquired, bool attested)
    {
        var r = Referential(sizes);
        var got = r.Domains.SelectMany((d, i) => d.Items.Take(acquired[i])).Select(i => i.Id).ToHashSet();
        var result = AttestationRule.Compute(r, got.Contains);
        Assert.Equal(attested, result.Attested);
        Assert.Equal(acquired.Sum(), result.Acquired);
    }
}
