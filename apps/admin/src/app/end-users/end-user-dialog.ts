import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { SLUG_PATTERN, type EndUserView } from '@switchboard/contracts';
import { AdminApi } from '../core/api/admin-api';
import { companyOptions, PRIORITY_OPTIONS, SLUG_HINT } from '../shared/options';
import { DialogSubmission } from '../shared/dialog-submission';
import { DialogField } from '../shared/form-dialog/dialog-field';
import { FormDialog } from '../shared/form-dialog/form-dialog';

type Asset = EndUserView['assets'][number];

@Component({
  selector: 'sb-end-user-dialog',
  imports: [DialogField, FormDialog, MatButtonModule, MatIconModule, MatTooltipModule, ReactiveFormsModule],
  templateUrl: './end-user-dialog.html',
  styles: `
    .assets-heading { display: flex; align-items: center; justify-content: space-between; margin: 8px 0 4px; font: var(--mat-sys-title-small); }
    .asset { display: grid; grid-template-columns: 1fr 1fr 1fr auto; gap: 8px; align-items: start; }
    .no-assets { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EndUserDialog {
  protected readonly user = inject<{ user?: EndUserView }>(MAT_DIALOG_DATA).user;
  private readonly api = inject(AdminApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly companies = companyOptions();
  protected readonly form = this.fb.group({
    id: [{ value: this.user?.id ?? '', disabled: !!this.user }, [Validators.required, Validators.pattern(SLUG_PATTERN)]],
    displayName: [this.user?.displayName ?? '', [Validators.required, Validators.maxLength(160)]],
    companyId: [this.user?.companyId ?? '', Validators.required],
    email: [this.user?.email ?? '', [Validators.email, Validators.maxLength(254)]],
    phone: [this.user?.phone ?? '', Validators.pattern(/^[+0-9 ()./-]{3,40}$/)],
    site: [this.user?.site ?? '', Validators.maxLength(160)],
    priority: [String(this.user?.priority ?? 0)],
    assets: this.fb.array((this.user?.assets ?? []).map((asset) => this.assetGroup(asset))),
  });
  protected readonly submission = new DialogSubmission<EndUserView>(this.form);
  protected readonly slugHint = SLUG_HINT;
  protected readonly priorities = PRIORITY_OPTIONS;

  private assetGroup(asset?: Asset) {
    return this.fb.group({
      id: [asset?.id ?? '', [Validators.required, Validators.pattern(SLUG_PATTERN)]],
      name: [asset?.name ?? '', [Validators.required, Validators.maxLength(160)]],
      deviceId: [asset?.deviceId ?? '', Validators.maxLength(200)],
    });
  }

  protected addAsset(): void {
    this.form.controls.assets.push(this.assetGroup());
  }

  protected removeAsset(index: number): void {
    this.form.controls.assets.removeAt(index);
  }

  protected save(): void {
    this.submission.submit(() => {
      const { id, assets, priority, ...rest } = this.form.getRawValue();
      const body = { ...rest, priority: Number(priority), assets: assets.map((a) => ({ id: a.id.trim(), name: a.name, ...(a.deviceId.trim() ? { deviceId: a.deviceId.trim() } : {}) })) };
      return this.user ? this.api.endUsers.update(this.user.id, body) : this.api.endUsers.create({ id: id.trim(), ...body });
    });
  }
}
