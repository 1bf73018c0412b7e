import type { ComponentProps, ReactNode } from "react";

const CONTROL =
  "block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm " +
  "placeholder:text-slate-400 disabled:cursor-not-allowed disabled:opacity-60 " +
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 " +
  "dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 dark:focus-visible:outline-blue-400";
const CONTROL_OK = "border-slate-300 dark:border-slate-600";
const CONTROL_ERROR = "border-red-600 dark:border-red-400";

/** Classes for a text input, select or textarea; `invalid` draws the error border. */
export function controlClasses(invalid?: boolean, className?: string): string {
  return [CONTROL, invalid ? CONTROL_ERROR : CONTROL_OK, className].filter(Boolean).join(" ");
}

export type FieldErrorsProp = string[] | string | undefined | null;

/** The props a control needs to be tied to its label, hint and errors. */
export type FieldControlProps = {
  id: string;
  name: string;
  required?: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

export type FieldProps = {
  label: ReactNode;
  name: string;
  /** Defaults to `field-<name>`; set it when one page has two forms with the same field names. */
  id?: string;
  hint?: ReactNode;
  /** Field errors from an ActionResult (`result.fieldErrors?.[name]`). */
  errors?: FieldErrorsProp;
  required?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/**
 * Label + control + hint + errors beside the field. The control is rendered by `children`
 * with the id/aria props to spread onto it, e.g.
 * `<Field label="Name" name="displayName" errors={fe?.displayName}>{(c) => <Input {...c} />}</Field>`.
 */
export function Field({ label, name, id, hint, errors, required, className, children }: FieldProps) {
  const controlId = id ?? `field-${name}`;
  const list = errors == null ? [] : Array.isArray(errors) ? errors : [errors];
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = list.length ? `${controlId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["space-y-1", className].filter(Boolean).join(" ")}>
      <label htmlFor={controlId} className="block text-sm font-medium">
        {label}
        {required ? (
          <span className="ml-0.5 text-red-700 dark:text-red-400" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {children({
        id: controlId,
        name,
        required: required || undefined,
        "aria-invalid": list.length ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {list.length ? (
        <div id={errorId} className="text-sm text-red-700 dark:text-red-400">
          {list.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={controlClasses(props["aria-invalid"] === true, className)} {...props} />;
}

export function Textarea({ className, rows = 3, ...props }: ComponentProps<"textarea">) {
  return <textarea rows={rows} className={controlClasses(props["aria-invalid"] === true, className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={controlClasses(props["aria-invalid"] === true, className)} {...props} />;
}

type FieldShellProps = Omit<FieldProps, "children">;

export type TextFieldProps = FieldShellProps & Omit<ComponentProps<"input">, "name" | "id" | "required" | "children">;

/** A labelled text input (any `type`) with hint and errors. */
export function TextField({ label, name, id, hint, errors, required, className, ...input }: TextFieldProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} errors={errors} required={required} className={className}>
      {(control) => <Input {...input} {...control} />}
    </Field>
  );
}

export type TextareaFieldProps = FieldShellProps & Omit<ComponentProps<"textarea">, "name" | "id" | "required" | "children">;

export function TextareaField({ label, name, id, hint, errors, required, className, ...textarea }: TextareaFieldProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} errors={errors} required={required} className={className}>
      {(control) => <Textarea {...textarea} {...control} />}
    </Field>
  );
}

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = FieldShellProps &
  Omit<ComponentProps<"select">, "name" | "id" | "required" | "children"> & {
    options: SelectOption[];
    /** A first, empty option such as "Choose a policy…". */
    placeholder?: string;
  };

export function SelectField({ label, name, id, hint, errors, required, className, options, placeholder, ...select }: SelectFieldProps) {
  return (
    <Field label={label} name={name} id={id} hint={hint} errors={errors} required={required} className={className}>
      {(control) => (
        <Select {...select} {...control}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
