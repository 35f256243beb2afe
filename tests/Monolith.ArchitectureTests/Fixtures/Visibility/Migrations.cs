using Microsoft.EntityFrameworkCore.Migrations;

namespace Monolith.ArchitectureTests.Fixtures.Visibility.Data.Migrations;

/// <summary>Allowed: an EF Core migration.</summary>
public sealed class InitialFixture : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
    }
}

/// <summary>Violation: public, in the migrations folder, but not a migration.</summary>
public static class MigrationHelper;
