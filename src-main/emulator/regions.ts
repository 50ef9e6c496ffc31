/** The emulator's cloud catalogue: the global clouds only, as the global endpoint would list them (README [I]). */
export type CloudRegion = { cloudId: string; regionId: string }

export const CLOUDS: { cloudId: string; description: string }[] = [
  { cloudId: 'aws', description: 'Amazon Web Services' },
  { cloudId: 'gcp', description: 'Google Cloud Platform' },
  { cloudId: 'azure', description: 'Microsoft Azure' }
]

export const REGIONS: CloudRegion[] = [
  { cloudId: 'aws', regionId: 'aws-us-west-2' },
  { cloudId: 'aws', regionId: 'aws-us-east-1' },
  { cloudId: 'aws', regionId: 'aws-eu-central-1' },
  { cloudId: 'aws', regionId: 'aws-ap-southeast-1' },
  { cloudId: 'gcp', regionId: 'gcp-us-west1' },
  { cloudId: 'gcp', regionId: 'gcp-us-east4' },
  { cloudId: 'gcp', regionId: 'gcp-europe-west3' },
  { cloudId: 'azure', regionId: 'az-eastus' },
  { cloudId: 'azure', regionId: 'az-westeurope' }
]

export function cloudOf(regionId: string): string | undefined {
  return REGIONS.find((region) => region.regionId === regionId)?.cloudId
}

/** "The region code", e.g. us-west-2 for aws-us-west-2 (docs/zilliz-api-notes.md#get-policy). */
export function regionCode(regionId: string): string {
  return regionId.slice(regionId.indexOf('-') + 1)
}
