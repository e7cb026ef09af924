#!/usr/bin/env python3
"""Writes Tests/MLOpsStoreTests/Fixtures/focus-sample.csv: a small FOCUS 1.0 export.

Columns follow the FOCUS spec (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec,
specification/columns): every Mandatory column, plus the conditional ones the import
reads. Values are chosen so the tests can work out expected costs by hand:

  line  charge                           period (UTC)              Billed  Effective  -> category
  2     p4d.24xlarge (AWS EC2)           10-01 00:00 .. 10-02      400     300         gpu  team atlas, model churn
  3     m5.xlarge (AWS EC2)              10-01 12:00 .. 10-03 (36h) 36      36          cpu  team beacon: 12 on 10-01, 24 on 10-02
  4     S3 storage, the whole month      10-01 .. 11-01 (31 days)  31      31          storage: 1 a day
  5     Azure Standard_NC24ads_A100_v4   10-02 .. 10-03            100     100         gpu  team atlas, model churn
  6     SageMaker ml.m5.large endpoint   10-02 .. 10-03            20      20          serving  team beacon, model search-ranking
  7     BigQuery (Analytics)             10-02 .. 10-03            50      50          warehouse  team beacon
  8     data transfer out                10-02 .. 10-03            5       5           network
  9     Savings Plan purchase (upfront)  10-01 .. 10-02            300     0           cpu
  10    promotional credit               10-01 .. 10-02            -10     -10         skipped (credits are not costs)
  11    tax                              10-02 .. 10-03            8       8           other

Billed total 950, effective total 550 (credit excluded).
"""
import csv
import json
import os

COLUMNS = [
    "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
    "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
    "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName", "CommitmentDiscountStatus",
    "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName",
    "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
    "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId",
    "SkuPriceId", "SubAccountId", "SubAccountName", "Tags",
]
BILLING_START, BILLING_END = "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"


def row(billed, effective, category, description, frequency, start, end, service_category, service,
        provider="AWS", resource_id="", resource_name="", resource_type="", sku="", region="eu-west-1",
        region_name="Europe (Ireland)", tags=None, unit="Hours", quantity="24", list_cost=None, contracted=None,
        pricing_category="Standard", sub_account="111122223333", sub_account_name="ml-platform",
        account="999988887777", account_name="Acme Corp", commitment=None):
    list_cost = billed if list_cost is None else list_cost
    contracted = billed if contracted is None else contracted
    q = float(quantity) if quantity else None
    usage = category == "Usage"
    return {
        "BilledCost": billed, "BillingAccountId": account, "BillingAccountName": account_name, "BillingCurrency": "USD",
        "BillingPeriodEnd": BILLING_END, "BillingPeriodStart": BILLING_START, "ChargeCategory": category,
        "ChargeClass": "", "ChargeDescription": description, "ChargeFrequency": frequency,
        "ChargePeriodEnd": end, "ChargePeriodStart": start,
        "CommitmentDiscountCategory": "Spend" if commitment else "", "CommitmentDiscountId": commitment or "",
        "CommitmentDiscountName": commitment.rsplit("/", 1)[-1] if commitment else "",
        "CommitmentDiscountStatus": "Used" if commitment else "",
        "CommitmentDiscountType": "Compute Savings Plan" if commitment else "",
        "ConsumedQuantity": quantity if usage else "", "ConsumedUnit": unit if usage else "",
        "ContractedCost": contracted, "ContractedUnitPrice": ("%.4f" % (float(contracted) / q)) if q else "",
        "EffectiveCost": effective, "InvoiceIssuerName": provider, "ListCost": list_cost,
        "ListUnitPrice": ("%.4f" % (float(list_cost) / q)) if q else "",
        "PricingCategory": pricing_category if usage else "", "PricingQuantity": quantity,
        "PricingUnit": unit if quantity else "", "ProviderName": provider, "PublisherName": provider,
        "RegionId": region, "RegionName": region_name, "ResourceId": resource_id, "ResourceName": resource_name,
        "ResourceType": resource_type, "ServiceCategory": service_category, "ServiceName": service, "SkuId": sku,
        "SkuPriceId": (sku + "-price") if sku else "", "SubAccountId": sub_account, "SubAccountName": sub_account_name,
        "Tags": json.dumps(tags, separators=(",", ":")) if tags else "",
    }


ROWS = [
    row("400.00", "300.00", "Usage", "p4d.24xlarge On Demand Linux", "Usage-Based",
        "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z", "Compute", "Amazon Elastic Compute Cloud",
        resource_id="arn:aws:ec2:eu-west-1:111122223333:instance/i-0gpu01", resource_name="churn-train-01",
        resource_type="Instance", sku="p4d.24xlarge", tags={"team": "atlas", "model": "churn"},
        list_cost="786.48", pricing_category="Committed",
        commitment="arn:aws:savingsplans::111122223333:savingsplan/sp-01"),
    row("36.00", "36.00", "Usage", "m5.xlarge On Demand Linux", "Usage-Based",
        "2026-10-01T12:00:00Z", "2026-10-03T00:00:00Z", "Compute", "Amazon Elastic Compute Cloud",
        resource_id="arn:aws:ec2:eu-west-1:111122223333:instance/i-0cpu01", resource_name="feature-builder",
        resource_type="Instance", sku="m5.xlarge", tags={"team": "beacon", "env": "prod"}, quantity="36"),
    row("31.00", "31.00", "Usage", "S3 Standard storage", "Usage-Based",
        "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "Storage", "Amazon Simple Storage Service",
        resource_id="arn:aws:s3:::acme-training-data", resource_name="acme-training-data", resource_type="Bucket",
        sku="TimedStorage-ByteHrs", unit="GB-Month", quantity="1347.8"),
    row("100.00", "100.00", "Usage", "NC24ads A100 v4 Linux", "Usage-Based",
        "2026-10-02T00:00:00Z", "2026-10-03T00:00:00Z", "Compute", "Virtual Machines", provider="Microsoft",
        resource_id="/subscriptions/0000-1111/resourceGroups/ml/providers/Microsoft.Compute/virtualMachines/train-vm-01",
        resource_name="train-vm-01", resource_type="Virtual machine", sku="Standard_NC24ads_A100_v4",
        region="westeurope", region_name="West Europe", tags={"team": "atlas", "model": "churn"},
        sub_account="0000-1111", sub_account_name="ml-sub", account="acme-ea-01", account_name="Acme EA"),
    row("20.00", "20.00", "Usage", "ml.m5.large hosting", "Usage-Based",
        "2026-10-02T00:00:00Z", "2026-10-03T00:00:00Z", "AI and Machine Learning", "Amazon SageMaker",
        resource_id="arn:aws:sagemaker:eu-west-1:111122223333:endpoint/search-ranking", resource_name="search-ranking",
        resource_type="Endpoint", sku="ml.m5.large", tags={"team": "beacon", "model": "search-ranking"}),
    row("50.00", "50.00", "Usage", "Analysis bytes", "Usage-Based",
        "2026-10-02T00:00:00Z", "2026-10-03T00:00:00Z", "Analytics", "BigQuery", provider="Google Cloud",
        resource_id="acme-analytics", resource_name="acme-analytics", resource_type="Project", sku="F62E-6F9C-E2AE",
        region="europe-west4", region_name="Netherlands", tags={"team": "beacon"}, unit="Tebibytes", quantity="8",
        sub_account="acme-analytics", sub_account_name="acme-analytics", account="01AB23-45CD67", account_name="Acme GCP"),
    row("5.00", "5.00", "Usage", "Data transfer out to internet", "Usage-Based",
        "2026-10-02T00:00:00Z", "2026-10-03T00:00:00Z", "Networking", "AWS Data Transfer",
        sku="DataTransfer-Out-Bytes", unit="GB", quantity="55.6"),
    row("300.00", "0.00", "Purchase", "Compute Savings Plan, 1 year, all upfront", "One-Time",
        "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z", "Compute", "Savings Plans for AWS Compute usage",
        resource_id="arn:aws:savingsplans::111122223333:savingsplan/sp-01", resource_name="sp-01",
        resource_type="Savings Plan", sku="ComputeSavingsPlans", quantity=""),
    row("-10.00", "-10.00", "Credit", "Promotional credit", "One-Time",
        "2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z", "Other", "AWS Promotional Credits", quantity=""),
    row("8.00", "8.00", "Tax", "VAT", "Recurring",
        "2026-10-02T00:00:00Z", "2026-10-03T00:00:00Z", "Other", "Tax", quantity=""),
]

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "Tests", "MLOpsStoreTests", "Fixtures", "focus-sample.csv")
with open(out, "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(ROWS)
print(f"{os.path.abspath(out)}: {len(ROWS)} FOCUS rows written")
