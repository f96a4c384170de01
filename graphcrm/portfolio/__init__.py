"""The account portfolio (DESIGN.md "Account portfolio"): value, RFM, tiers, quadrant,
cadence, groups, outside influencers and who-knows-whom across accounts."""
