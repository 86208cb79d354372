namespace Honk.Benchmarks.Suites;

/// <summary>
/// The real projects the validator suite works on: a .NET solution with two libraries and an xunit project (12 tests),
/// and a Node package tested with node:test. Written fresh for every run.
/// </summary>
internal static class ValidatorProjects
{
    public const string PricingPath = "src/Shop.Core/Pricing.cs";
    public const string CartPath = "lib/cart.js";

    /// <summary>The line the timing runs change (a method body in the bottom library, so every project rebuilds).</summary>
    public static string RevisionLine(int n) => $"    internal static int Revision => {n};";

    public static string Pricing(string discountExpression, int revision = 0) => $$"""
        namespace Shop.Core;

        public static class Pricing
        {
        {{RevisionLine(revision)}}

            public static decimal Discounted(decimal price, int quantity)
            {
                var discount = {{discountExpression}};
                return price * quantity * (1 - discount);
            }
        }
        """;

    public const string GoodDiscount = "quantity >= 10 ? 0.1m : 0m";
    public const string BuggyDiscount = "quantity > 10 ? 0.1m : 0m";
    public const string BrokenDiscount = "quantity >= 10 ? 0.1m : discountMissing";

    public static void WriteDotnet(string root)
    {
        Write(root, "nuget.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="/opt/nuget/packages" />
              </packageSources>
            </configuration>
            """);
        Write(root, ".gitignore", "bin/\nobj/\n");
        Write(root, "Shop.slnx", """
            <Solution>
              <Project Path="src/Shop.Core/Shop.Core.csproj" />
              <Project Path="src/Shop.App/Shop.App.csproj" />
              <Project Path="tests/Shop.Tests/Shop.Tests.csproj" />
            </Solution>
            """);
        const string library = """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            {0}</Project>
            """;
        Write(root, "src/Shop.Core/Shop.Core.csproj", string.Format(System.Globalization.CultureInfo.InvariantCulture, library, ""));
        Write(root, PricingPath, Pricing(GoodDiscount));
        Write(root, "src/Shop.App/Shop.App.csproj", string.Format(System.Globalization.CultureInfo.InvariantCulture, library,
            "  <ItemGroup>\n    <ProjectReference Include=\"../Shop.Core/Shop.Core.csproj\" />\n  </ItemGroup>\n"));
        Write(root, "src/Shop.App/OrderService.cs", """
            using Shop.Core;

            namespace Shop.App;

            public sealed record OrderLine(string Sku, decimal Price, int Quantity);

            public sealed class OrderService
            {
                public decimal Total(IEnumerable<OrderLine> lines) => lines.Sum(l => Pricing.Discounted(l.Price, l.Quantity));

                public int Items(IEnumerable<OrderLine> lines) => lines.Sum(l => l.Quantity);
            }
            """);
        Write(root, "tests/Shop.Tests/Shop.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../../src/Shop.App/Shop.App.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write(root, "tests/Shop.Tests/PricingTests.cs", """
            using Shop.Core;
            using Xunit;

            namespace Shop.Tests;

            public class PricingTests
            {
                [Theory]
                [InlineData(10, 1, 10)]
                [InlineData(10, 9, 90)]
                [InlineData(10, 10, 90)]
                [InlineData(10, 20, 180)]
                public void Discounted_AppliesBulkDiscount(int price, int quantity, int expected)
                    => Assert.Equal((decimal)expected, Pricing.Discounted(price, quantity));

                [Fact]
                public void Discounted_ZeroQuantity_IsFree() => Assert.Equal(0m, Pricing.Discounted(5m, 0));
            }
            """);
        Write(root, "tests/Shop.Tests/OrderServiceTests.cs", """
            using Shop.App;
            using Xunit;

            namespace Shop.Tests;

            public class OrderServiceTests
            {
                private readonly OrderService _service = new();

                [Fact]
                public void Total_TenOfOne_GetsDiscount() => Assert.Equal(18m, _service.Total([new OrderLine("a", 2m, 10)]));

                [Fact]
                public void Total_Empty_IsZero() => Assert.Equal(0m, _service.Total([]));

                [Fact]
                public void Total_Mixed_AddsLines() => Assert.Equal(13m, _service.Total([new OrderLine("a", 1m, 10), new OrderLine("b", 2m, 2)]));

                [Fact]
                public void Items_CountsQuantities() => Assert.Equal(12, _service.Items([new OrderLine("a", 1m, 10), new OrderLine("b", 2m, 2)]));

                [Fact]
                public void Items_Empty_IsZero() => Assert.Equal(0, _service.Items([]));

                [Fact]
                public void Total_Single_NoDiscount() => Assert.Equal(6m, _service.Total([new OrderLine("a", 2m, 3)]));

                [Fact]
                public void Total_Large_Discounted() => Assert.Equal(900m, _service.Total([new OrderLine("a", 10m, 100)]));
            }
            """);
    }

    public const string GoodCart = "quantity >= 10 ? 0.1 : 0";
    public const string BuggyCart = "quantity > 10 ? 0.1 : 0";
    public const string BrokenCart = "quantity >= 10 ? 0.1 : ;";

    public static string Cart(string discount) => $$"""
        'use strict';

        function discounted(price, quantity) {
          const discount = {{discount}};
          return Math.round(price * quantity * (1 - discount) * 100) / 100;
        }

        function total(lines) {
          return lines.reduce((sum, line) => sum + discounted(line.price, line.quantity), 0);
        }

        module.exports = { discounted, total };
        """;

    public static void WriteNode(string root)
    {
        Write(root, ".gitignore", "node_modules/\n");
        Write(root, "package.json", """
            {
              "name": "cart",
              "version": "1.0.0",
              "private": true,
              "scripts": { "test": "node --test" }
            }
            """);
        Write(root, "package-lock.json", """
            { "name": "cart", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "cart", "version": "1.0.0" } } }
            """);
        Write(root, CartPath, Cart(GoodCart));
        Write(root, "test/cart.test.js", """
            'use strict';
            const test = require('node:test');
            const assert = require('node:assert/strict');
            const { discounted, total } = require('../lib/cart.js');

            test('one item costs its price', () => assert.equal(discounted(10, 1), 10));
            test('nine items get no discount', () => assert.equal(discounted(10, 9), 90));
            test('ten items get the bulk discount', () => assert.equal(discounted(10, 10), 90));
            test('twenty items get the bulk discount', () => assert.equal(discounted(10, 20), 180));
            test('an empty cart is free', () => assert.equal(total([]), 0));
            test('lines add up', () => assert.equal(total([{ price: 1, quantity: 10 }, { price: 2, quantity: 2 }]), 13));
            """);
    }

    public static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.EndsWith('\n') ? content : content + "\n");
    }
}
